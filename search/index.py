"""
Keeping the search index in step with the content.

Each content model says what it contributes: `search_document()` returns its title, what it says first (its
lead) and the rest of its texts (Markdown), or None while the public may not read it (a draft; a pending,
rejected or withdrawn story). Search hooks itself in (search/apps.py): every save of a page, side effect or
story (publishing, editing, approving, rejecting, withdrawing all save) calls `update()` inside the same
transaction, so a published edit is found on the next request, and what the public may not read is never in
the index at all. A side effect's save, or its deletion, also writes again the two lists made from the side
effects (pages/lists.py). The content apps never import search. `rebuild()` writes the whole index again (the
`rebuild_search_index` command).
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection

from lemtrada_site.batches import once
from pages import lists
from pages.markdown import render_markdown, visible_text
from pages.models import Page, SideEffect
from stories.models import Story

from .models import SearchEntry, SearchWord
from .terms import STOP_WORDS, words_of

# The highlight markers the engines put round matched words (Unicode private-use characters: no
# text a person types contains them, and they are stripped from what is indexed).
MARK_START, MARK_END = "\ue000", "\ue001"
MAX_TEXT = 50_000
MAX_WORDS = 5_000

# Each indexed model: the entry's link to its row, and the kind of result it makes.
INDEXED = {
    Page: ("page", SearchEntry.Kind.PAGE),
    SideEffect: ("side_effect", SearchEntry.Kind.SIDE_EFFECT),
    Story: ("story", SearchEntry.Kind.STORY),
}


def plain_text(markdown):
    """Markdown as the words a reader sees: rendered by the one renderer, tags dropped, entities decoded."""
    text = visible_text(render_markdown(markdown or ""))  # list items stay apart, a paragraph on one line
    return text.replace(MARK_START, "").replace(MARK_END, "")


def update(obj):
    """Index `obj` if the public may read it, and take it out of the index if not (and a side effect's lists)."""
    _update_entry(obj)
    if isinstance(obj, SideEffect):
        once("search-lists", update_lists)


def _update_entry(obj):
    link, kind = INDEXED[type(obj)]
    document = obj.search_document()
    if document is None:
        SearchEntry.objects.filter(**{f"{link}_id": obj.pk}).delete()
        return
    title, lead, texts = document
    write({f"{link}_id": obj.pk}, kind=kind, title=title, lead=lead, texts=texts, url=obj.get_absolute_url())


def update_lists(side_effects=None, *, entries=SearchEntry, words=SearchWord):
    """Write again the entries of the lists made from the published side effects (pages/lists.py)."""
    if side_effects is None:
        side_effects = SideEffect.objects.published()
    for listing, title, lead, texts in lists.search_documents(side_effects):
        write(
            {"list_key": listing.key},
            kind=SearchEntry.Kind.LIST,
            title=title,
            lead=lead,
            texts=texts,
            url=listing.get_absolute_url(),
            entries=entries,
            words=words,
            # Its text is the side effects' own, whose entries hold those words already.
            own_words=False,
        )


def write(link, *, kind, title, lead, texts, url, entries=SearchEntry, words=SearchWord, own_words=True):
    """
    Store one entry and its words (only its title's, unless `own_words`). `link` names its row ({"page_id": 3},
    {"list_key": "side-effects"}); `entries` and `words` are the migration's historical models there.
    """
    lead_text = "\n\n".join(plain_text(part) for part in lead if part)
    text = "\n\n".join(plain_text(part) for part in [*lead, *texts] if part)[:MAX_TEXT]
    entry, _ = entries.objects.update_or_create(
        **link, defaults={"kind": kind, "title": title, "lead": lead_text, "text": text, "url": url}
    )
    words.objects.filter(entry_id=entry.pk).delete()
    vocabulary = f"{title} {text}" if own_words else title
    distinct = dict.fromkeys(word for word in words_of(vocabulary) if word not in STOP_WORDS)
    words.objects.bulk_create([words(entry_id=entry.pk, word=word) for word in list(distinct)[:MAX_WORDS]])
    if connection.vendor == "postgresql":
        entries.objects.filter(pk=entry.pk).update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("lead", weight="B", config="english")
            + SearchVector("text", weight="D", config="english")
        )


def follow_save(sender, instance, raw=False, **kwargs):
    """post_save of every indexed model (connected in search/apps.py); fixtures loaded raw are left alone."""
    if not raw:
        update(instance)


def follow_side_effect_delete(sender, instance, **kwargs):
    """post_delete of a side effect: its own entry went with it (the foreign key cascades); the lists change."""
    once("search-lists", update_lists)


def rebuild():
    """Write the whole index again from the content; returns how many entries it holds."""
    SearchEntry.objects.all().delete()
    for model in INDEXED:
        for obj in model.objects.published():
            _update_entry(obj)
    update_lists()
    return SearchEntry.objects.count()
