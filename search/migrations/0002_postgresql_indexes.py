"""
PostgreSQL only: pg_trgm, a GIN index on the stored search vector, a trigram index on the words,
and the words' foreign key, which deletes them with their entry.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORWARDS = [
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (search_vector)",
    "CREATE INDEX search_word_trigram_gin ON search_searchword USING gin (word gin_trgm_ops)",
    "ALTER TABLE search_searchword ADD CONSTRAINT search_searchword_entry_cascade "
    "FOREIGN KEY (entry_id) REFERENCES search_searchentry (id) ON DELETE CASCADE",
]
BACKWARDS = [
    "ALTER TABLE search_searchword DROP CONSTRAINT IF EXISTS search_searchword_entry_cascade","DROP INDEX IF EXISTS search_entry_vector_gin", "DROP INDEX IF EXISTS search_word_trigram_gin"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        TrigramExtension(),  # does nothing on other databases
        migrations.RunPython(run(FORWARDS), run(BACKWARDS)),
    ]
