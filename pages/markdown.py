"""
The site's one Markdown renderer.

Every piece of Markdown that reaches a page, the admin preview or an email goes through
`render_markdown`: Markdown becomes HTML, and nh3 then keeps only an allow-list of tags and
attributes. Editors and story authors may type anything; what comes out can never run script.

Both steps must take time in step with the text, whatever it holds: the text may be hostile.
The Markdown engine is pulldown-cmark (through pyromark), a CommonMark parser that stays linear on
adversarial input (50,000 `[` take about 2 ms, where Python-Markdown needed minutes). nh3's HTML
parser slows with the square of the nesting depth (10,000 `>` nest 10,000 quotes: over a second),
so HTML nested deeper than any real text is never given to it: such text is shown as plain
paragraphs instead. scripts/hostile_input_bench.py measures every case of the pathological corpus;
docs/security.md has the figures. Inputs are capped where they are accepted all the same
(MAX_MARKDOWN_LENGTH, and the story form's own limit).
"""

import html
import re
from urllib.parse import urlsplit

import nh3
import pyromark
from django.conf import settings
from django.utils.html import linebreaks, strip_tags
from django.utils.safestring import mark_safe

# The longest Markdown any form or endpoint accepts (an editor's page is a few thousand characters).
MAX_MARKDOWN_LENGTH = 20_000
# Real text nests a table in a list in a quote at most: about 8 levels. Far deeper is an attack.
MAX_NESTING = 32

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
    "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd",
    "a", "img",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"scope"},
    "ol": {"start"},
}

# Absolute links may only use these; relative links (/treatment/) stay as they are.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

OPTIONS = pyromark.Options.ENABLE_TABLES


# What a browser ignores or rewrites in an address before it reads it (the WHATWG URL standard): spaces and
# control characters around it, tabs and newlines anywhere, and, in http(s) addresses, `\` for `/`.
AROUND_AN_ADDRESS = "".join(map(chr, range(0x21)))
TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
END_OF_AUTHORITY = re.compile(r"[/?#]")


def host_a_browser_loads(address):
    """
    The host a browser on one of this site's pages loads `address` from, read as the browser reads it,
    so `/\\evil.example/a.png` or `/<tab>/evil.example` is seen for what it is: another site. The
    site's own host for a relative address; None for an address that is not http(s) (mailto:, data:).
    """
    address = TABS_AND_NEWLINES.sub("", address).strip(AROUND_AN_ADDRESS).replace("\\", "/")
    site = urlsplit(settings.SITE_URL)
    if scheme := SCHEME.match(address):
        name, rest = scheme[1].lower(), address[scheme.end() :]
        if name not in {"http", "https"}:
            return None
        if name == site.scheme and not rest.startswith("//"):
            return site.hostname  # "https:/path" on an https page is a path on it
        authority = rest.lstrip("/")  # any number of slashes after the scheme
    elif address.startswith("//"):
        authority = address.lstrip("/")
    else:
        return site.hostname
    host = END_OF_AUTHORITY.split(authority, maxsplit=1)[0].rpartition("@")[2]
    if not host.startswith("["):
        host = host.partition(":")[0]  # the port
    return host.lower().rstrip(".")


def _is_this_site(address):
    return host_a_browser_loads(address) == urlsplit(settings.SITE_URL).hostname


def _keep_local_images(element, attribute, value):
    """Images only from this site (editors' uploads): no tracking pixels, in pages or in the feed."""
    if element == "img" and attribute == "src" and not _is_this_site(value):
        return None
    return value


# A tag, found in linear time: [^<>] stops each attempt at the next "<", so "<a <a <a ..." is cheap.
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def nesting_depth(html):
    """How deep the tags in `html` nest, at most (an upper bound: tags left unclosed count as open)."""
    depth = deepest = 0
    for closing, name, self_closing in TAG.findall(html):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


# A link as nh3 writes it: attribute values are double-quoted and never contain a double quote.
LINK = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)\s*>')
LINK_ATTRIBUTE = re.compile(r'\s+([a-z-]+)="([^"]*)"')
OTHER_SITE_REL = "noopener noreferrer nofollow"
# Story authors' links are the reader's, not the site's: every one is marked, internal ones too.
AUTHOR_REL = "ugc noopener noreferrer nofollow"


def _is_other_site(href):
    host = host_a_browser_loads(html.unescape(href))
    return host is not None and host != urlsplit(settings.SITE_URL).hostname  # not a mailto: address


def _mark_links(cleaned, *, authored):
    """`rel` on links to other sites (and on every link an author wrote); links within the site stay plain."""

    def mark(match):
        attributes = dict(LINK_ATTRIBUTE.findall(match.group(1)))
        if authored:
            return f'<a{match.group(1)} rel="{AUTHOR_REL}">'
        if _is_other_site(attributes.get("href", "")):
            return f'<a{match.group(1)} rel="{OTHER_SITE_REL}">'
        return match.group(0)

    return LINK.sub(mark, cleaned)


def render_markdown(text, *, authored=False):
    """
    Return sanitized HTML for Markdown `text`, marked safe for templates. `authored=True` for text
    a story author wrote: all its links are marked as theirs.
    """
    html = pyromark.html(text or "", options=OPTIONS)
    if nesting_depth(html) > MAX_NESTING:
        return mark_safe(linebreaks(text, autoescape=True))  # no links at all
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_local_images,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return mark_safe(_mark_links(cleaned, authored=authored))


# The end of a block a reader sees on a line of its own (a paragraph, a list item, a heading ...), or a line break.
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|td|th|dt|dd)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)


def visible_text(rendered):
    """
    HTML the renderer made, as the words a reader sees: a line break between blocks and none inside one,
    tags dropped, entities decoded (`&amp;` is `&`). For search, the pre-screens, excerpts and the warning signs.
    """
    return html.unescape(strip_tags(BLOCK_END.sub("\n", str(rendered).replace("\n", " "))))
