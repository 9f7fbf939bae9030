"""
The site's one Markdown renderer.

Every piece of Markdown that reaches a page, the admin preview or an email goes through
`render_markdown`: Markdown becomes HTML, and nh3 then keeps only an allow-list of tags and
attributes. Editors and story authors may type anything; what comes out can never run script.

The engine is pulldown-cmark (through pyromark), a CommonMark parser whose time grows in step with
the text even on hostile input: 50,000 `[` take about 4 ms, where Python-Markdown needed minutes
(scripts/hostile_input_bench.py measures it; docs/security.md has the figures). Inputs are capped
where they are accepted all the same (MAX_MARKDOWN_LENGTH, and the story form's own limit).
"""

import nh3
import pyromark
from django.utils.safestring import mark_safe

# The longest Markdown any form or endpoint accepts (an editor's page is a few thousand characters).
MAX_MARKDOWN_LENGTH = 50_000

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


def _keep_local_images(element, attribute, value):
    """Images only from this site (editors' uploads): no tracking pixels, in pages or in the feed."""
    if element == "img" and attribute == "src" and not (value.startswith("/") and not value.startswith("//")):
        return None
    return value


def render_markdown(text):
    """Return sanitized HTML for Markdown `text`, marked safe for templates."""
    html = pyromark.html(text or "", options=OPTIONS)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_local_images,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)
