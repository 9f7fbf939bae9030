"""Upgrading an install: a "last reviewed" date with no sign-off behind it is not kept as a review."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.pagetext import text_of

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("pages", "0005_stored_html")]


def test_rows_that_claimed_a_review_become_unreviewed_and_readers_are_told(client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    apps.get_model("pages", "Page").objects.create(
        title="Treatment", slug="treatment", summary="S", body="B", status="published",
        last_reviewed="2026-11-25", next_review_due="2027-11-25",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from pages.models import Page

    page = Page.objects.get(slug="treatment")
    assert (page.last_reviewed, page.next_review_due, page.latest_review) == (None, None, None)
    text = text_of(client.get("/treatment/"))
    assert "Not yet checked by a health professional." in text
    assert "25 November 2026" not in text
