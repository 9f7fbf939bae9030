"""
Searching the index: the same steps on both databases, with each database's own engine.

1. The query becomes at most MAX_TERMS plain words (everything else, operators and quotes and
   control characters included, is dropped, so no text a person types reaches an engine's parser).
2. One query fetches the index's words that look like them (pg_trgm similarity on PostgreSQL, the
   same first letters on SQLite); a word the index doesn't hold is replaced by its closest match,
   so "lymphopaenia" searches for "lymphopenia". Nothing close: that word can't match anything.
3. One query searches: PostgreSQL full-text search (stored, GIN-indexed vector, SearchRank,
   SearchHeadline), or SQLite FTS5 with the trigram tokenizer (bm25, snippet). Matches in a
   title come first. Snippets are cut from stored plain text, escaped, and only then highlighted.
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .index import MARK_END, MARK_START
from .models import SearchEntry, SearchWord

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
MAX_RESULTS = 100
# Words of this length or more may be corrected; shorter ones are too easy to "correct" wrongly.
MIN_CORRECTED_LENGTH = 5
CLOSE_ENOUGH = 0.8
TERM = re.compile(r"[^\W\d_]{3,40}")
# Words that say nothing about what someone is looking for (a subset of PostgreSQL's English list).
STOP_WORDS = frozenset(
    """about after again all also and any are because been before being but can could did does doing
    for from had has have having her here hers him his how into its just more most not now off once only
    other our out over own same she should some such than that the their them then there these they this
    those through too under until very was were what when where which while who whom why will with would
    you your yours""".split()
)
LINE_BREAKS = re.compile(r"\s*\n\s*")
SUFFIXES = ("ing", "ies", "es", "ed", "s", "e")


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: str
    in_title: bool = False

    @property
    def kind_label(self):
        return SearchEntry.Kind(self.kind).label

    @property
    def snippet_html(self):
        """The snippet escaped first; only the engine's own markers become <mark>."""
        text = LINE_BREAKS.sub(" · ", self.snippet.strip())  # list items and paragraphs, on one line
        return mark_safe(escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


@dataclass
class Results:
    query: str
    terms: list = field(default_factory=list)
    corrected: str = ""
    hits: list = field(default_factory=list)


def clean_query(raw):
    """What the person typed, safe to show back: no control characters, and not endless."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def terms_of(query):
    words = [word for word in TERM.findall(query.lower()) if word not in STOP_WORDS]
    return list(dict.fromkeys(words))[:MAX_TERMS]


def stem(word):
    """A light stem for substring matching and title checks: "infusions" -> "infusion", "bruising" -> "bruis"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def search(raw_query):
    """Search the published content; at most two queries."""
    query = clean_query(raw_query)
    results = Results(query=query, terms=terms_of(query))
    if not results.terms:
        return results
    known = _known_words(results.terms)
    terms = [_correct(term, known) for term in results.terms]
    if terms != results.terms:
        results.corrected = " ".join(terms)
    searchable = [term for term in terms if _is_known(term, known)]
    if not searchable:
        return results  # no word the index holds: nothing can match, so don't ask
    hits = _postgresql(searchable) if connection.vendor == "postgresql" else _sqlite(searchable)
    stems = [stem(term) for term in searchable]
    for hit in hits:
        hit.in_title = any(part in hit.title.lower() for part in stems)
    # Stable sort: title matches first, each group in the engine's order.
    results.hits = sorted(hits, key=lambda hit: not hit.in_title)
    return results


def _known_words(terms):
    if connection.vendor == "postgresql":
        near = reduce(or_, [TrigramSimilar(F("word"), term) | Q(word__startswith=stem(term)) for term in terms])
    else:
        near = reduce(or_, [Q(word__startswith=term[:2]) for term in terms])
    return set(SearchWord.objects.filter(near).values_list("word", flat=True).distinct()[:5000])


def _is_known(term, known):
    start = stem(term)
    return term in known or any(word.startswith(start) for word in known)


def _correct(term, known):
    if _is_known(term, known) or len(term) < MIN_CORRECTED_LENGTH:
        return term
    best = difflib.get_close_matches(term, known, n=1, cutoff=CLOSE_ENOUGH)
    return best[0] if best else term


def _postgresql(terms):
    query = reduce(or_, [SearchQuery(term, config="english") for term in terms])
    rows = (
        SearchEntry.objects.filter(search_vector=query)
        .annotate(
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
        .order_by("-rank", "title")
        .values_list("kind", "title", "url", "snippet")[:MAX_RESULTS]
    )
    return [Hit(*row) for row in rows]


def _sqlite(terms):
    # Each stem becomes a quoted FTS5 string (letters only, so nothing to escape): a substring match.
    match = " OR ".join(f'"{stem(term)}"' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.kind, e.title, e.url, highlight(search_searchentry_fts, 1, %s, %s) "
            "FROM search_searchentry_fts JOIN search_searchentry e ON e.id = search_searchentry_fts.rowid "
            "WHERE search_searchentry_fts MATCH %s "
            "ORDER BY bm25(search_searchentry_fts, 10.0, 1.0), e.title LIMIT %s",
            [MARK_START, MARK_END, match, MAX_RESULTS],
        )
        return [Hit(kind, title, url, _cut(text)) for kind, title, url, text in cursor.fetchall()]


def _cut(highlighted, width=240):
    """
    About `width` characters of highlighted text round its first highlight. (FTS5's own snippet()
    counts trigram tokens, a character each, so its longest snippet is 64 characters.)
    """
    first = highlighted.find(MARK_START)
    start = 0 if first < width // 3 else highlighted.rfind(" ", 0, first - width // 3) + 1
    window = highlighted[start : start + width]
    if len(highlighted) > start + width:
        window = window[: window.rfind(" ")] if " " in window else window
    if window.rfind(MARK_START) > window.rfind(MARK_END):
        window += MARK_END  # cut inside a highlight: close it
    return ("… " if start else "") + window.strip() + (" …" if start + len(window) < len(highlighted) else "")
