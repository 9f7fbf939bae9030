"""Upgrading an install: the data migrations store the HTML of content saved before rendering at save."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("pages", "0004_frequency_bands_and_seed_fingerprints"), ("stories", "0004_updated_at_and_flags")]


def test_content_saved_before_the_upgrade_gets_its_html_and_excerpt(client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("pages", "Page").objects.create(
        title="Treatment", slug="treatment", summary="S", body="It is **given** by drip.", status="published",
        next_review_due="2030-01-01", sources="- [EMA](https://www.ema.europa.eu)",
    )  # fmt: skip
    old.get_model("stories", "Story").objects.create(
        display_name="Jo", title="Spring", slug="spring", body="A *long* week.", status="approved",
        consent_version="2026-11", consented_at=timezone.now(), published_at=timezone.now(),
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    treatment = client.get("/treatment/").content.decode()
    assert "It is <strong>given</strong> by drip." in treatment and 'href="https://www.ema.europa.eu"' in treatment
    assert "A <em>long</em> week." in client.get("/stories/spring/").content.decode()
    assert "A long week." in client.get("/stories/").content.decode()
