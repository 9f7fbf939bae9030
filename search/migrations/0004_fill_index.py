"""Index the content that is already published (after this, the content models keep the index up to date)."""

from django.db import migrations


def fill(apps, schema_editor):
    from search import index

    index.rebuild(
        page_model=apps.get_model("pages", "Page"),
        side_effect_model=apps.get_model("pages", "SideEffect"),
        story_model=apps.get_model("stories", "Story"),
        entries=apps.get_model("search", "SearchEntry"),
        words=apps.get_model("search", "SearchWord"),
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_fts5")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
