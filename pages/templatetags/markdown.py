from django import template

from pages.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ page.body|markdown }}`: the only way Markdown reaches a template."""
    return render_markdown(text)
