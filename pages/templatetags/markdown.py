import html

from django import template
from django.utils.html import strip_tags

from pages.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, author=None):
    """
    `{{ page.body|markdown }}`: the only way Markdown reaches a template. A story author's text is
    `{{ story.body|markdown:"author" }}`, so that all its links are marked as the author's.
    """
    return render_markdown(text, authored=author == "author")


@register.filter(name="markdown_text")
def markdown_text_filter(text):
    """
    Markdown as plain text, for excerpts and meta descriptions. Deliberately not marked safe: the
    template escapes it for wherever it goes, attribute values included.
    """
    return html.unescape(strip_tags(render_markdown(text))).strip()
