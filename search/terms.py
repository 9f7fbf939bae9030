"""
What a search is for, in the site's words: the query becomes a few concepts, each one word or phrase the
person typed and the site's words for the same thing (search/lay_words.yaml, which an editor can read and
extend). A page matches a concept when it uses any of them; pages that match more concepts come first.

Words are compared by their stems (Snowball's English stemmer, the one PostgreSQL's English search uses),
so "bruises", "bruised" and "bruising" are one word, and "eat" is never found inside "treated".
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import snowballstemmer
import yaml

LAY_WORDS_FILE = Path(__file__).with_name("lay_words.yaml")

MAX_QUERY_LENGTH = 200
MAX_CONCEPTS = 8
# Letters only: numbers, operators, quotes and control characters never reach an engine's parser. Two letters
# count ("MS", "IV").
WORD = re.compile(r"[^\W\d_]{2,40}")
# What the site's own words may hold (the lay-word file is ours, not typed by a visitor).
SITE_WORD = re.compile(r"[^\W_]{1,40}")
# Words that say nothing about what someone is looking for (PostgreSQL's English list, less "ms", and more).
STOP_WORDS = frozenset(
    """about after again all also am an and any are as at be because been before being but by can could did do
    does doing for from go had has have having he her here hers him his how if in into is it its just me more
    most my no not now of off on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up us very was we were what when
    where which while who whom why will with would you your yours""".split()
)

_stemmer = snowballstemmer.stemmer("english")


def stem(word):
    return _stemmer.stemWord(word.lower())


@dataclass(frozen=True)
class Concept:
    """One thing the person asked about: what they typed, and the site's words for it (each a phrase)."""

    typed: str
    alternatives: tuple  # of tuples of words: ("urine",), ("side", "effects")

    @property
    def is_one_typed_word(self):
        """A single word with no site words added: the only kind a misspelling is corrected in."""
        return len(self.alternatives) == 1 and " " not in self.typed

    def stems(self):
        """Each alternative as the stems of its words."""
        return [tuple(stem(word) for word in alternative) for alternative in self.alternatives]

    def corrected(self, word):
        return Concept(typed=word, alternatives=((word,),))


def clean_query(raw):
    """What the person typed, safe to show back: no control characters, and not endless."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def words_of(text):
    return [word.lower() for word in WORD.findall(text)]


@cache
def lay_words():
    """{typed words (a tuple): the site's words for them (a tuple of phrases)}, from search/lay_words.yaml."""
    mapping = {}
    for topic in yaml.safe_load(LAY_WORDS_FILE.read_text(encoding="utf-8")).values():
        for typed, site_words in topic.items():
            phrases = [tuple(SITE_WORD.findall(phrase.lower())) for phrase in str(site_words).split(",")]
            mapping[tuple(words_of(str(typed)))] = tuple(phrase for phrase in phrases if phrase)
    return mapping


def concepts_of(query):
    """
    The query's concepts, at most MAX_CONCEPTS: the longest run of words the lay-word file knows becomes one
    concept with the site's words beside it; every other word that is not a stop word is a concept of its own.
    """
    words, mapping = words_of(query), lay_words()
    longest = max((len(typed) for typed in mapping), default=1)
    concepts, position = [], 0
    while position < len(words) and len(concepts) < MAX_CONCEPTS:
        for size in range(min(longest, len(words) - position), 0, -1):
            typed = tuple(words[position : position + size])
            if typed in mapping:
                concepts.append(Concept(" ".join(typed), tuple(dict.fromkeys((typed, *mapping[typed])))))
                position += size
                break
        else:
            word = words[position]
            if word not in STOP_WORDS:
                concepts.append(Concept(word, ((word,),)))
            position += 1
    return list(dict.fromkeys(concepts))
