"""
Write the whole index again from the published content, as 0005_words_and_stems shaped it: leads, two-letter
words, and the entries of the two lists made from the side effects. (A migration of its own: PostgreSQL builds
0005's new index only when its schema changes are done, which must come before any row is written.)
"""

from django.db import migrations
from django.urls import reverse

# What each content model contributed to the index when this migration was written, from fields alone: a
# migration's historical models have no methods (the models' search_document() today).
DOCUMENTS = [
    (
        "pages", "Page", "page",
        lambda page: (page.title, [page.summary], [page.body],
                      "/" if page.slug == "home" else reverse("pages:detail", kwargs={"slug": page.slug})),
    ),
    (
        "pages", "SideEffect", "side_effect",
        lambda effect: (effect.name, [effect.summary, effect.urgent_signs], [effect.description, effect.what_to_do],
                        reverse("pages:side-effect", kwargs={"slug": effect.slug})),
    ),
    (
        "stories", "Story", "story",
        lambda story: (story.title, [], [story.body], reverse("stories:detail", kwargs={"slug": story.slug})),
    ),
]  # fmt: skip
PUBLIC = {"page": "published", "side_effect": "published", "story": "approved"}


def fill(apps, schema_editor):
    from search import index

    entries, words = apps.get_model("search", "SearchEntry"), apps.get_model("search", "SearchWord")
    entries.objects.all().delete()
    for app_label, model_name, link, document in DOCUMENTS:
        for row in apps.get_model(app_label, model_name).objects.filter(status=PUBLIC[link]):
            title, lead, texts, url = document(row)
            index.write(
                {f"{link}_id": row.pk}, kind=link, title=title, lead=lead, texts=texts, url=url, entries=entries,
                words=words,
            )  # fmt: skip
    side_effects = apps.get_model("pages", "SideEffect").objects.filter(status="published")
    index.update_lists(side_effects.order_by("position", "name"), entries=entries, words=words)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_words_and_stems"),
        ("pages", "0010_sign_off_permission"),
        ("stories", "0005_stored_html"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
