"""
Whole words and their stems instead of word parts ("eat" was found inside "treated"), two-letter words ("MS",
"IV"), a lead (the summary, an urgent side effect's signs) that ranks above the rest of the text, and entries
for the two lists made from the side effects. On SQLite, the trigram FTS5 table gives way to one with the
Porter stemmer over the title, the lead and the text; PostgreSQL's stored vector gains the lead (written by
search.index.write). 0006_index_again then writes the whole index again from the published content.
"""

import importlib

from django.db import migrations, models

# The trigram table of 0003_sqlite_fts5, to put back when going backwards.
TRIGRAM = importlib.import_module("search.migrations.0003_sqlite_fts5")

WORDS_AND_STEMS = [
    "CREATE VIRTUAL TABLE search_searchentry_fts USING fts5("
    "title, lead, text, content='search_searchentry', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER search_searchentry_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(rowid, title, lead, text) VALUES (new.id, new.title, new.lead, new.text); END",
    "CREATE TRIGGER search_searchentry_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, lead, text) "
    "VALUES ('delete', old.id, old.title, old.lead, old.text); "
    "DELETE FROM search_searchword WHERE entry_id = old.id; END",
    "CREATE TRIGGER search_searchentry_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, lead, text) "
    "VALUES ('delete', old.id, old.title, old.lead, old.text); "
    "INSERT INTO search_searchentry_fts(rowid, title, lead, text) VALUES (new.id, new.title, new.lead, new.text); END",
]
# An FTS5 table made beside entries that already exist must index them before a trigger deletes one.
REBUILD = ["INSERT INTO search_searchentry_fts(search_searchentry_fts) VALUES ('rebuild')"]


def on_sqlite(drop, create):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in [*drop, *create]:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0004_fill_index")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="lead",
            field=models.TextField(
                blank=True,
                help_text="What the content says first (its summary, an urgent side effect's signs): ranks higher.",
            ),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="list_key",
            field=models.CharField(blank=True, editable=False, max_length=40, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="kind",
            field=models.CharField(
                choices=[
                    ("page", "Information"),
                    ("side_effect", "Side effect"),
                    ("list", "Information"),
                    ("story", "Patient story"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(
            on_sqlite(TRIGRAM.BACKWARDS, WORDS_AND_STEMS + REBUILD),
            on_sqlite(TRIGRAM.BACKWARDS, TRIGRAM.FORWARDS + REBUILD),
        ),
    ]
