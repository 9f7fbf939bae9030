"""Link previews: canonical address, Open Graph and Twitter tags, and schema.org JSON-LD."""

import json

from django import template
from django.utils.safestring import mark_safe

from lemtrada_site import structured_data

register = template.Library()

# As django.utils.html.json_script: nothing in the data can close the <script> element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("includes/metadata.html")
def metadata(data, *, og_type="website"):
    """The tags for one page, from its JSON-LD `data` (the same title, description and address)."""
    return {
        "title": data["name"],
        "description": data["description"],
        "url": data["url"],
        "og_type": og_type,
        "site_name": structured_data.SITE_NAME,
        "image": structured_data.share_image(),
        "json_ld": mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)),
    }


@register.simple_tag
def medical_web_page(obj, title, description):
    return structured_data.medical_web_page(obj, title=title, description=description)


@register.simple_tag
def article(story, description):
    return structured_data.article(story, description=description)


@register.simple_tag
def web_page(title, description, path, kind="WebPage", page=1):
    """A page that isn't one piece of content; `page` is the page number of a list (each has its own address)."""
    if page and int(page) > 1:
        path = f"{path}?page={int(page)}"
    return structured_data.web_page(kind=kind, title=title, description=description, path=path)
