"""Upgrading an install: the data migration moves rows to the leaflet's bands, and recognises unedited rows."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import first_release_seed
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("pages", "0003_page_navigation_label")]
AFTER = [("pages", "0004_frequency_bands_and_seed_fingerprints")]


@pytest.fixture
def first_release_install():
    """The database as the first release left it: its three pages and ten side effects, one edited."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    for model_name, entries in [("Page", first_release_seed.PAGES), ("SideEffect", first_release_seed.SIDE_EFFECTS)]:
        model = apps.get_model("pages", model_name)
        for entry in entries:
            model.objects.create(**first_release_seed.review_defaults(entry))
    apps.get_model("pages", "SideEffect").objects.create(
        name="Editor's own", slug="editors-own", band="less_common", summary="S", description="D", what_to_do="W",
        status="published", next_review_due="2030-01-01",
    )  # fmt: skip
    apps.get_model("pages", "Page").objects.filter(slug="monitoring").update(body="The MS nurse's own words.")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_rows_move_to_the_leaflets_bands(first_release_install):
    from pages.models import SideEffect

    bands = dict(SideEffect.objects.values_list("slug", "band"))
    assert bands["itp"] == "common"
    assert bands["overactive-or-underactive-thyroid"] == "very_common"
    assert bands["kidney-problems"] == "uncommon"
    assert bands["editors-own"] == "uncommon"


def test_update_unedited_brings_a_first_release_install_up_to_date_and_names_the_edited_page(
    first_release_install, client
):
    out = StringIO()
    call_command("load_seed_content", "--update-unedited", stdout=out)

    assert "only for adults whose relapsing-remitting MS is highly active" in text_of(client.get("/"))
    assert "Haemophagocytic lymphohistiocytosis (HLH)" in client.get("/side-effects/").content.decode()
    assert "The MS nurse's own words." in client.get("/monitoring/").content.decode()
    assert "Left alone 1 changed by an editor since they were loaded: Monitoring after Lemtrada." in out.getvalue()
