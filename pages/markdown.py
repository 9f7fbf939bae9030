"""
The site's one Markdown renderer.

Every piece of Markdown that reaches a page, the admin preview or an email goes through
`render_markdown`: Markdown becomes HTML, and nh3 then keeps only an allow-list of tags and
attributes. Editors and story authors may type anything; what comes out can never run script.
"""

import markdown
import nh3
from django.utils.safestring import mark_safe

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

MARKDOWN_EXTENSIONS = ["sane_lists", "tables"]


def render_markdown(text):
    """Return sanitized HTML for Markdown `text`, marked safe for templates."""
    # A fresh converter per call: markdown.Markdown instances keep state and are not thread-safe.
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)
