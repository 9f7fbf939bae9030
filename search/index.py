"""
Keeping the search index in step with the content.

`update(obj)` is called by Page, SideEffect and Story when they save (publishing, editing,
approving, rejecting, withdrawing all save), inside the same transaction: a published edit is
found on the next request, and a draft, a pending, rejected or withdrawn story is never in the
index at all. `rebuild()` writes the whole index again (the `rebuild_search_index` command and
the migration that first fills it).

The documents are built from fields only, so the migration can pass its historical models.
"""

import html
import re

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.urls import reverse
from django.utils.html import strip_tags

from pages.markdown import render_markdown

from .models import SearchEntry, SearchWord

# The highlight markers the engines put round matched words (Unicode private-use characters: no
# text a person types contains them, and they are stripped from what is indexed).
MARK_START, MARK_END = "\ue000", "\ue001"
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|dt|dd|th|td|blockquote|pre)>")
WORD = re.compile(r"[^\W\d_]{3,60}")
MAX_TEXT = 50_000
MAX_WORDS = 5_000

# The statuses the public may read (Page/SideEffect "published", Story "approved"; see PRODUCT.md).
PUBLIC = {"pages.page": "published", "pages.sideeffect": "published", "stories.story": "approved"}


def plain_text(markdown):
    """Markdown as the words a reader sees: rendered by the one renderer, tags dropped, entities decoded."""
    # Line breaks only between blocks (list items stay apart), none inside a paragraph.
    rendered = BLOCK_END.sub("\n", str(render_markdown(markdown or "")).replace("\n", " "))
    text = html.unescape(strip_tags(rendered))
    return text.replace(MARK_START, "").replace(MARK_END, "")


def _page_document(page):
    url = "/" if page.slug == "home" else reverse("pages:detail", kwargs={"slug": page.slug})
    return SearchEntry.Kind.PAGE, page.title, [page.summary, page.body], url


def _side_effect_document(side_effect):
    url = reverse("pages:side-effect", kwargs={"slug": side_effect.slug})
    parts = [side_effect.summary, side_effect.urgent_signs, side_effect.description, side_effect.what_to_do]
    return SearchEntry.Kind.SIDE_EFFECT, side_effect.name, parts, url


def _story_document(story):
    return SearchEntry.Kind.STORY, story.title, [story.body], reverse("stories:detail", kwargs={"slug": story.slug})


DOCUMENTS = {
    "pages.page": ("page", _page_document),
    "pages.sideeffect": ("side_effect", _side_effect_document),
    "stories.story": ("story", _story_document),
}


def update(obj, *, entries=SearchEntry, words=SearchWord):
    """Index `obj` if the public may read it, and take it out of the index if not."""
    label = obj._meta.label_lower
    field, document = DOCUMENTS[label]
    if obj.status != PUBLIC[label]:
        entries.objects.filter(**{f"{field}_id": obj.pk}).delete()
        return
    kind, title, parts, url = document(obj)
    text = "\n\n".join(plain_text(part) for part in parts if part)[:MAX_TEXT]
    entry, _ = entries.objects.update_or_create(
        **{f"{field}_id": obj.pk}, defaults={"kind": kind, "title": title, "text": text, "url": url}
    )
    words.objects.filter(entry_id=entry.pk).delete()
    distinct = dict.fromkeys(word.lower() for word in WORD.findall(f"{title} {text}"))
    words.objects.bulk_create([words(entry_id=entry.pk, word=word) for word in list(distinct)[:MAX_WORDS]])
    if connection.vendor == "postgresql":
        entries.objects.filter(pk=entry.pk).update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("text", weight="B", config="english")
        )


def rebuild(*, page_model, side_effect_model, story_model, entries=SearchEntry, words=SearchWord):
    """Write the whole index again from the content; returns how many entries it holds."""
    entries.objects.all().delete()
    for model in (page_model, side_effect_model, story_model):
        for obj in model.objects.filter(status=PUBLIC[model._meta.label_lower]):
            update(obj, entries=entries, words=words)
    return entries.objects.count()
