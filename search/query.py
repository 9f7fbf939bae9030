"""
Searching the index: the same steps on both databases, with each database's own engine.

1. The query becomes at most a few concepts (search/terms.py): each word, or a phrase people use, with the
   site's words for it ("pee" with "urine"). Nothing a person types reaches an engine's parser but letters.
2. Whole words and their stems first; typo tolerance only as the fallback. One query fetches the index's
   words that look like the typed ones (pg_trgm similarity on PostgreSQL, the same first letters on SQLite):
   a word the index holds, in any form, is searched as it is; one it doesn't is replaced by its closest
   match ("lymphopaenia" by "lymphopenia") or, failing that, by the word it begins ("alemtuz").
3. One query searches: PostgreSQL full-text search over the stored, GIN-indexed vector (title A, lead B,
   text D), or SQLite FTS5 with the Porter stemmer (whole words: "eat" is never found in "treated"). The
   order: information before patients' stories; then the entries matching more of the concepts; then those
   matching them in their title, then in their lead (a summary, an urgent side effect's signs); then the
   engine's rank. Snippets are cut from stored plain text, escaped, and only then highlighted.
4. When the query names an urgent side effect's warning signs, that side effect's own advice (one query,
   only when an urgent side effect was found) stands above the results.
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import add, or_

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from pages.markdown import visible_text
from pages.models import SideEffect

from .index import MARK_END, MARK_START
from .models import SearchEntry, SearchWord
from .terms import clean_query, concepts_of, stem, words_of

MAX_RESULTS = 100
# Words of this length or more may be corrected; shorter ones are too easy to "correct" wrongly.
MIN_CORRECTED_LENGTH = 5
# A word of this length or more that the site doesn't use may stand for a longer one it begins.
MIN_COMPLETED_LENGTH = 4
CLOSE_ENOUGH = 0.8
LINE_BREAKS = re.compile(r"\s*\n\s*")
# At most this many urgent side effects' advice above the results (the warning-signs page has every one).
MAX_URGENT = 2
# Words of the warning signs that, searched on their own, are too general to call for urgent advice: "pain"
# alone does not, "chest pain" does; "cough" alone does not, "coughing up blood" does.
GENERAL_SIGN_WORDS = frozenset(
    stem(word)
    for word in """pain painful blood skin urine fever rash tired tiredness swelling swollen cough coughing spots
    weakness legs arms feet face nose gums mouth eyes body side neck joints trouble changes problems""".split()
)
SIGN_BLOCK = re.compile(r"<(?:li|p)>(.*?)</(?:li|p)>", re.S)


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str
    side_effect_id: int | None = None

    @property
    def kind_label(self):
        return SearchEntry.Kind(self.kind).label

    @property
    def is_story(self):
        return self.kind == SearchEntry.Kind.STORY

    @property
    def snippet_html(self):
        """The snippet escaped first; only the engine's own markers become <mark>."""
        text = LINE_BREAKS.sub(" · ", self.snippet.strip())  # list items and paragraphs, on one line
        return mark_safe(escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@dataclass
class Results:
    query: str
    concepts: list = field(default_factory=list)
    corrected: str = ""
    hits: list = field(default_factory=list)
    # Urgent side effects whose warning signs the query names, the 999 ones first.
    urgent: list = field(default_factory=list)


def search(raw_query):
    """Search the published content: at most three queries (the words, the search, the urgent advice)."""
    query = clean_query(raw_query)
    results = Results(query=query, concepts=concepts_of(query))
    typed = [concept.typed for concept in results.concepts if concept.is_one_typed_word]
    known = _known_words(typed) if typed else set()
    concepts = []
    for concept in results.concepts:
        if concept.is_one_typed_word and not _is_known(concept.typed, known):
            replacement = _correct(concept.typed, known)
            concept = concept.corrected(replacement) if replacement else None
        if concept is not None:
            concepts.append(concept)
    if [concept.typed for concept in concepts] != [concept.typed for concept in results.concepts] and concepts:
        results.corrected = " ".join(concept.typed for concept in concepts)
    if not concepts:
        return results  # no word the index holds: nothing can match, so don't ask
    results.hits = _postgresql(concepts) if connection.vendor == "postgresql" else _sqlite(concepts)
    results.urgent = _urgent_advice(results.hits, concepts)
    return results


# --- Words: whole words first, typo tolerance as the fallback -------------------------------------


def _prefix(word):
    """The start every form of `word` shares ("bruis" for "bruises"): what its other forms are looked up by."""
    stemmed = stem(word)
    common = 0
    while common < min(len(word), len(stemmed)) and word[common] == stemmed[common]:
        common += 1
    return word[: max(common, 2)]


def _known_words(words):
    if connection.vendor == "postgresql":
        near = reduce(or_, [TrigramSimilar(F("word"), word) | Q(word__startswith=_prefix(word)) for word in words])
    else:
        near = reduce(or_, [Q(word__startswith=word[:2]) for word in words])
    return set(SearchWord.objects.filter(near).values_list("word", flat=True).distinct()[:5000])


def _is_known(word, known):
    """Whether the index holds the word in any form: "infusions" is known when "infusion" is."""
    start, stemmed = _prefix(word), stem(word)
    return word in known or any(other.startswith(start) and stem(other) == stemmed for other in known)


def _correct(word, known):
    """The index's closest word to a misspelt one, or the word it begins; None when there is none."""
    if len(word) >= MIN_CORRECTED_LENGTH:
        # People seldom get the first letter wrong: "bleading" is "bleeding" before it is "leading".
        same_start = [other for other in known if other[0] == word[0]]
        for candidates in (same_start, known):
            if best := difflib.get_close_matches(word, candidates, n=1, cutoff=CLOSE_ENOUGH):
                return best[0]
    if len(word) >= MIN_COMPLETED_LENGTH:
        longer = sorted((other for other in known if other.startswith(word)), key=lambda other: (len(other), other))
        return longer[0] if longer else None
    return None


# --- The engines -----------------------------------------------------------------------------------


def _postgresql(concepts):
    queries = [
        reduce(or_, [SearchQuery(" ".join(words), search_type="phrase", config="english") for words in alternatives])
        for alternatives in (concept.alternatives for concept in concepts)
    ]
    query = reduce(or_, queries)

    def weighted(weight):
        # The vector's words of one weight only: A is the title, B the lead.
        template = f"%(function)s(%(expressions)s, '{{{weight}}}')"
        return Func(F("search_vector"), function="ts_filter", template=template, output_field=SearchVectorField())

    def how_many(vector):
        return reduce(add, [Case(When(**{vector: one}, then=1), default=0) for one in queries])

    rows = (
        SearchEntry.objects.filter(search_vector=query)
        .annotate(
            title_vector=weighted("a"),
            lead_vector=weighted("b"),
            is_story=Case(When(kind=SearchEntry.Kind.STORY, then=1), default=0, output_field=IntegerField()),
            matched=how_many("search_vector"),
            in_title=how_many("title_vector"),
            in_lead=how_many("lead_vector"),
            rank=SearchRank(F("search_vector"), query),
            snippet=SearchHeadline(
                "text",
                query,
                config="english",
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("is_story", "-matched", "-in_title", "-in_lead", "-rank", "title")
        .values_list("kind", "title", "url", "snippet", "side_effect_id")[:MAX_RESULTS]
    )
    return [Hit(*row) for row in rows]


def _fts5(alternatives):
    # Each alternative a quoted FTS5 phrase of letters and digits only, so nothing to escape.
    return "(" + " OR ".join(f'"{" ".join(words)}"' for words in alternatives) + ")"


def _sqlite(concepts):
    each = [_fts5(concept.alternatives) for concept in concepts]
    in_entries = "(e.id IN (SELECT rowid FROM search_searchentry_fts WHERE search_searchentry_fts MATCH %s))"

    def how_many(column=""):
        return " + ".join([in_entries] * len(each)), [f"{column} : {one}" if column else one for one in each]

    matched, matched_params = how_many()
    in_title, in_title_params = how_many("title")
    in_lead, in_lead_params = how_many("lead")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.kind, e.title, e.url, highlight(search_searchentry_fts, 2, %s, %s), e.side_effect_id "
            "FROM search_searchentry_fts JOIN search_searchentry e ON e.id = search_searchentry_fts.rowid "
            "WHERE search_searchentry_fts MATCH %s "
            f"ORDER BY e.kind = 'story', {matched} DESC, {in_title} DESC, {in_lead} DESC, "
            "bm25(search_searchentry_fts, 10.0, 4.0, 1.0), e.title LIMIT %s",
            [
                MARK_START,
                MARK_END,
                " OR ".join(each),
                *matched_params,
                *in_title_params,
                *in_lead_params,
                MAX_RESULTS,
            ],
        )
        return [Hit(kind, title, url, _cut(text), effect) for kind, title, url, text, effect in cursor.fetchall()]


def _cut(highlighted, width=240):
    """About `width` characters of highlighted text round its first highlight."""
    first = highlighted.find(MARK_START)
    start = 0 if first < width // 3 else highlighted.rfind(" ", 0, first - width // 3) + 1
    window = highlighted[start : start + width]
    if len(highlighted) > start + width:
        window = window[: window.rfind(" ")] if " " in window else window
    if window.rfind(MARK_START) > window.rfind(MARK_END):
        window += MARK_END  # cut inside a highlight: close it
    return ("… " if start else "") + window.strip() + (" …" if start + len(window) < len(highlighted) else "")


# --- Urgent advice above the results ---------------------------------------------------------------


def _urgent_advice(hits, concepts):
    """
    The urgent side effects found whose warning signs the query names (a sign that holds two of the concepts,
    or one that is not too general on its own), the 999 ones first, then the closest matches: at most MAX_URGENT.
    """
    found = [hit.side_effect_id for hit in hits if hit.side_effect_id]
    if not found:
        return []
    named = []
    for effect in SideEffect.objects.published().filter(urgent=True, pk__in=found):
        if score := _signs_named(effect, concepts):
            named.append((score, effect))
    bands = list(SideEffect.Band)
    named.sort(key=lambda pair: (not pair[1].emergency, -pair[0], bands.index(pair[1].band), pair[1].position))
    return [effect for _, effect in named[:MAX_URGENT]]


def _signs_named(effect, concepts):
    """How many of the concepts the best-matching sign of `effect` holds (0: none of its signs is named)."""
    best = 0
    for sign in SIGN_BLOCK.findall(effect.urgent_signs_html):
        stems = {stem(word) for word in words_of(visible_text(sign))}
        named = [
            alternative
            for concept in concepts
            if (alternative := next((one for one in concept.stems() if set(one) <= stems), None))
        ]
        if len(named) >= 2 or any(set(alternative) - GENERAL_SIGN_WORDS for alternative in named):
            best = max(best, len(named))
    return best
