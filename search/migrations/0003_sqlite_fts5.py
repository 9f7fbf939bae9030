"""
SQLite only: an FTS5 table with the trigram tokenizer over the entries' titles and text (an
external-content table: it stores only the index), kept in step with the entries by triggers.
The delete trigger also deletes the entry's words.
"""

from django.db import migrations

FORWARDS = [
    "CREATE VIRTUAL TABLE search_searchentry_fts USING fts5("
    "title, text, content='search_searchentry', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER search_searchentry_ai AFTER INSERT ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER search_searchentry_ad AFTER DELETE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "DELETE FROM search_searchword WHERE entry_id = old.id; END",
    "CREATE TRIGGER search_searchentry_au AFTER UPDATE ON search_searchentry BEGIN "
    "INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO search_searchentry_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END",
]
BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_searchentry_au",
    "DROP TRIGGER IF EXISTS search_searchentry_ad",
    "DROP TRIGGER IF EXISTS search_searchentry_ai",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgresql_indexes")]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
