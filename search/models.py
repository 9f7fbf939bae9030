"""
The search index: one entry for each thing the public may read, and the words in it.

Entries are written by search.index.update(), which search calls whenever content is saved
(search/apps.py); an entry goes when its page, side effect or story is deleted (the foreign keys cascade), and its
words go with it. The two lists made from the side effects (the side-effect list and the warning signs) have an
entry each, named by `list_key` and written again whenever a side effect changes. The engines each add what they
need in their own migration: on PostgreSQL a GIN index on `search_vector` and a pg_trgm index on the words; on
SQLite an FTS5 table with the Porter stemmer over the title, the lead and the text (whole words and their
stems), kept in step with the entries by triggers.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        # Declaration order is the order results are grouped in when they rank the same.
        PAGE = "page", "Information"
        SIDE_EFFECT = "side_effect", "Side effect"
        LIST = "list", "Information"
        STORY = "story", "Patient story"

    kind = models.CharField(max_length=20, choices=Kind)
    title = models.CharField(max_length=200)
    lead = models.TextField(
        blank=True, help_text="What the content says first (its summary, an urgent side effect's signs): ranks higher."
    )
    text = models.TextField(help_text="The content as plain text: snippets are cut from this, never from HTML.")
    url = models.CharField(max_length=300)
    page = models.OneToOneField("pages.Page", null=True, on_delete=models.CASCADE, related_name="+")
    side_effect = models.OneToOneField("pages.SideEffect", null=True, on_delete=models.CASCADE, related_name="+")
    story = models.OneToOneField("stories.Story", null=True, on_delete=models.CASCADE, related_name="+")
    # The list it is (pages/lists.py): null for the content rows, so it can be unique.
    list_key = models.CharField(max_length=40, null=True, blank=True, unique=True, editable=False)
    # Filled on PostgreSQL only (title weighted A, lead B, text D); the column stays empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title


class SearchWord(models.Model):
    """Each distinct word of an entry: what a misspelt search word is corrected to."""

    # The database deletes an entry's words with it (a constraint on PostgreSQL, a trigger on SQLite,
    # both in this app's migrations), so Django doesn't list every word when an editor deletes a page.
    entry = models.ForeignKey(SearchEntry, on_delete=models.DO_NOTHING, db_constraint=False, related_name="words")
    word = models.CharField(max_length=60, db_index=True)

    def __str__(self):
        return self.word
