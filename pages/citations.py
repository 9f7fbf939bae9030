"""
Pinpoint citations: the evidence each clinical paragraph and bullet rests on, kept with its text.

A citation is an HTML comment at the end of the paragraph or list item it supports, naming the document
by its short name (defined in the item's sources), the section, and the few words the claim rests on:

    Reactions can happen up to 24 hours after an infusion. <!-- PL 4: "within 24 hours after the infusion" -->
    - a sudden, severe headache <!-- PL 2: "sudden severe headache"; DSU: "within 1 to 3 days" -->

The section may be left out for a document without numbered sections (DSU: "..."). The comment may
also stand on its own line just after the paragraph. Readers never see it: the one renderer
(pages/markdown.py) strips comments, and search indexes what it renders. Editors see and keep it in the
admin's Markdown, and a reviewer's sign-off screen shows each claim beside its citation.

A paragraph or item made only of links (such as "[Read about monitoring](/monitoring/)") states
nothing, and needs no citation.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pyromark

from .markdown import OPTIONS

# One citation: a short name, an optional section ("4", "4.4"), a colon, then the key words in quotes.
CITATION = re.compile(
    r"(?P<source>[A-Za-z][\w-]{0,15})(?:[ \t]+(?P<section>[0-9][0-9.]*[a-z]?))?[ \t]*:[ \t]*"
    r"[\"“](?P<words>[^\"“”]+)[\"”]"
)
_ONE = re.sub(r"\?P<\w+>", "?:", CITATION.pattern)
CITATIONS = re.compile(rf"\s*{_ONE}(?:\s*;\s*{_ONE})*\s*;?\s*")
# A line of an item's sources that defines a short name: "- PL: [Lemtrada Package Leaflet](...), ...".
SOURCE_LINE = re.compile(r"^[ \t]*[-*+][ \t]+(?:\*\*)?(?P<short>[A-Za-z][\w-]{0,15})(?:\*\*)?[ \t]*:[ \t]", re.M)


@dataclass(frozen=True)
class Citation:
    source: str
    section: str
    words: str

    def __str__(self):
        where = f"{self.source} {self.section}" if self.section else self.source
        return f"{where}: “{self.words}”"


@dataclass
class Claim:
    """A paragraph or a list item that says something, with the citations given for it."""

    kind: str  # "paragraph" or "bullet"
    text: str
    citations: list = field(default_factory=list)
    # Comments attached to it that could not be read as citations.
    unreadable: list = field(default_factory=list)

    @property
    def is_cited(self):
        return bool(self.citations)


def parse_citations(comment):
    """The citations in a comment's text, or None when it is not written as citations."""
    if not CITATIONS.fullmatch(comment):
        return None
    return [
        Citation(m["source"], m["section"] or "", " ".join(m["words"].split())) for m in CITATION.finditer(comment)
    ]


def defined_sources(sources):
    """The short names an item's sources define, each as often as it is defined."""
    names = {}
    for match in SOURCE_LINE.finditer(sources or ""):
        names[match["short"]] = names.get(match["short"], 0) + 1
    return names


@dataclass
class _Block:
    """A paragraph or list item being read: its words, those outside links, and its claim once made."""

    tag: str
    kind: str
    text: list = field(default_factory=list)
    outside_links: list = field(default_factory=list)
    claim: Claim | None = None


class _ClaimParser(HTMLParser):
    """
    Walks the Markdown engine's HTML (before sanitizing: comments are still there) and collects the
    paragraphs and list items with the comments that follow them.
    """

    BLOCKS = {"p", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "dl"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.claims = []
        self.open = []  # the paragraphs and list items being read, innermost last
        self.in_link = 0
        self.last = None  # the claim a comment on its own line belongs to
        self.lists = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.in_link += 1
        if tag not in self.BLOCKS:
            return
        # A block starting inside a list item ends that item's own text (a loose list, or a nested one).
        if self.open and self.open[-1].tag == "li":
            self._finish(self.open[-1])
        if tag in {"ul", "ol"}:
            self.lists += 1
        if tag in {"p", "li"}:
            self.open.append(_Block(tag, "bullet" if self.lists else "paragraph"))
        self.last = None  # a comment after this block's start belongs to this block, not the one before

    def handle_endtag(self, tag):
        if tag == "a":
            self.in_link = max(self.in_link - 1, 0)
        elif tag in {"ul", "ol"}:
            self.lists = max(self.lists - 1, 0)
        if tag in {"p", "li"} and self.open and self.open[-1].tag == tag:
            claim = self._finish(self.open.pop())
            if claim is not None:
                self.last = claim

    def handle_data(self, data):
        if self.open:
            self.open[-1].text.append(data)
            if not self.in_link:
                self.open[-1].outside_links.append(data)

    def handle_comment(self, data):
        if self.open and (self.open[-1].claim is not None or "".join(self.open[-1].text).strip()):
            target = self._finish(self.open[-1])  # a comment at the end of the paragraph or item
        else:
            target = self.last  # a comment on its own line, just after the paragraph or item
        citations = parse_citations(data)
        if target is None:
            if citations is not None:
                self.claims.append(
                    Claim("paragraph", "", [], [f"a citation that follows no paragraph: {data.strip()}"])
                )
            return  # otherwise a note between blocks, which belongs to no claim
        if citations is None:
            target.unreadable.append(" ".join(data.split()))
        else:
            target.citations.extend(citations)

    def _finish(self, block):
        """Make the block's text a claim (once); None when it states nothing (empty, or only links)."""
        if block.claim is not None:
            return block.claim
        text = " ".join("".join(block.text).split())
        if not text or not re.sub(r"[\s.,:;!?()–—-]+", "", "".join(block.outside_links)):
            return None
        block.claim = Claim(block.kind, text)
        self.claims.append(block.claim)
        return block.claim


def claims(markdown):
    """The claims of a Markdown text, in order, each with its citations."""
    parser = _ClaimParser()
    parser.feed(pyromark.html(markdown or "", options=OPTIONS))
    parser.close()
    return parser.claims


def strip(markdown):
    """The Markdown without its citation comments (what the text says, for comparing versions)."""
    return re.sub(r"[ \t]*<!--.*?-->", "", markdown or "", flags=re.S)
