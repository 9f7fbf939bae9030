"""
Upgrading an install whose index matched word parts: the migration writes the whole index again, with the
leads, two-letter words and the two lists, and search finds whole words and stems at once.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from search_content import result_urls

from pages import seed

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0004_fill_index"), ("pages", "0010_sign_off_permission"), ("stories", "0005_stored_html")]


@pytest.fixture
def install_with_the_word_parts_index():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Page, SideEffect = apps.get_model("pages", "Page"), apps.get_model("pages", "SideEffect")
    Story = apps.get_model("stories", "Story")
    for entry in seed.load_pages():
        Page.objects.create(**entry, status="published")
    for entry in seed.load_side_effects():
        SideEffect.objects.create(**entry, status="published")
    SideEffect.objects.filter(slug="pml").update(status="draft")
    Story.objects.create(
        display_name="Sam", title="Treated well", slug="treated-well", body="I was treated kindly.", status="approved",
        consent_version="2026-11", consented_at="2026-11-01T10:00Z", published_at="2026-11-02T10:00Z",
    )  # fmt: skip
    # What the word-parts index held, through its own triggers: the upgrade replaces it whole.
    apps.get_model("search", "SearchEntry").objects.create(kind="page", title="Old", text="Old words.", url="/old/")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_upgrade_indexes_the_published_content_with_whole_words_and_the_lists(
    install_with_the_word_parts_index, client
):
    from search.models import SearchEntry

    assert SearchEntry.objects.filter(list_key__in=["side-effects", "warning-signs"]).count() == 2
    assert not SearchEntry.objects.filter(url="/old/").exists()
    assert not SearchEntry.objects.filter(url="/side-effects/pml/").exists(), "a draft stays out"
    itp = SearchEntry.objects.get(url="/side-effects/itp/")
    assert "bruising easily" in itp.lead and "<!--" not in itp.lead

    assert result_urls(client.get("/search/", {"q": "bruises"}))[0] == "/side-effects/itp/"
    assert result_urls(client.get("/search/", {"q": "side affects"}))[0] == "/side-effects/"
    assert "/" in result_urls(client.get("/search/", {"q": "MS"}))
    assert "/stories/treated-well/" not in result_urls(client.get("/search/", {"q": "eat"}))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_searchentry_fts'")
            assert "porter" in cursor.fetchone()[0]
