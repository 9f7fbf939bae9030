"""Index the content that is already published (after this, the index follows every save of the content)."""

from django.db import migrations
from django.urls import reverse

# What each content model contributed to the index when this migration was written, from fields
# alone: a migration's historical models have no methods (the models' search_document() today).
DOCUMENTS = [
    (
        "pages", "Page", "page",
        lambda page: (page.title, [page.summary, page.body],
                      "/" if page.slug == "home" else reverse("pages:detail", kwargs={"slug": page.slug})),
    ),
    (
        "pages", "SideEffect", "side_effect",
        lambda effect: (effect.name, [effect.summary, effect.urgent_signs, effect.description, effect.what_to_do],
                        reverse("pages:side-effect", kwargs={"slug": effect.slug})),
    ),
    (
        "stories", "Story", "story",
        lambda story: (story.title, [story.body], reverse("stories:detail", kwargs={"slug": story.slug})),
    ),
]
PUBLIC = {"page": "published", "side_effect": "published", "story": "approved"}


def fill(apps, schema_editor):
    from search import index

    entries, words = apps.get_model("search", "SearchEntry"), apps.get_model("search", "SearchWord")
    entries.objects.all().delete()
    for app_label, model_name, link, document in DOCUMENTS:
        for row in apps.get_model(app_label, model_name).objects.filter(status=PUBLIC[link]):
            title, texts, url = document(row)
            index.write(link, row.pk, kind=link, title=title, texts=texts, url=url, entries=entries, words=words)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_fts5")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
