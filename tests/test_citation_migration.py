"""
Upgrading an install from the release before citations: the data migrations give every side effect its
leaflet band and existing text its citations, and unedited rows stay recognisable to --update-unedited.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pages import citations, seed

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("pages", "0007_side_effect_band_unchecked")]
EPAR = (
    "[Lemtrada: EPAR, product information (Summary of Product Characteristics and Package Leaflet)]"
    "(https://www.ema.europa.eu/en/medicines/human/EPAR/lemtrada), European Medicines Agency, as updated by the "
    "European Commission decision of 16 January 2020"
)
UNCHECKED = ["kidney-problems", "hlh", "heart-attack", "low-platelets-after-an-infusion"]


# What migration 0009 knows: the release's paragraphs and list items, each with its citation.
SNAPSHOT = json.loads((Path(seed.__file__).parent / "migrations" / "0009_citations.json").read_text())


def uncited(kind, entry, fields):
    """
    An entry as the release before citations held it: its text that release's paragraphs and items (from
    the migration's snapshot, so later edits of the content files do not change what is upgraded), no
    citations, its sources the old EPAR line.
    """
    entry = {**entry, "sources": f"- {EPAR}"}
    for field in fields:
        blocks = [block for block, _ in SNAPSHOT.get(f"{kind}/{entry['slug']}/{field}", [])]
        entry[field] = "\n\n".join(blocks) if blocks else citations.strip(entry[field])
    return entry


@pytest.fixture
def install_before_citations():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Page, SideEffect = apps.get_model("pages", "Page"), apps.get_model("pages", "SideEffect")
    for entry in seed.load_pages():
        entry = uncited("page", entry, ["body"])
        Page.objects.create(**entry, status="published", seed_fingerprint=seed.fingerprint(entry, seed.PAGE_FIELDS))
    for entry in seed.load_side_effects():
        entry = uncited("side_effect", entry, ["urgent_signs", "description", "what_to_do"])
        if entry["slug"] in UNCHECKED:
            entry["band"] = "unchecked"
        fingerprint = seed.fingerprint(entry, seed.SIDE_EFFECT_FIELDS)
        SideEffect.objects.create(**entry, status="published", seed_fingerprint=fingerprint)
    # An editor's change to one row, and a side effect an editor wrote, still unchecked.
    Page.objects.filter(slug="monitoring").update(body="The MS nurse's own words.\n\n- a blood test every month")
    SideEffect.objects.create(
        name="Editor's own", slug="editors-own", band="unchecked", summary="S", description="D", what_to_do="W",
        status="published",
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_every_side_effect_gets_the_leaflets_band(install_before_citations):
    from pages.models import SideEffect

    bands = dict(SideEffect.objects.values_list("slug", "band"))
    assert bands["kidney-problems"] == "rare" and bands["hlh"] == "rare"
    assert bands["heart-attack"] == "not_known"
    assert bands["low-platelets-after-an-infusion"] == "no_frequency"
    assert bands["editors-own"] == "no_frequency"
    assert "unchecked" not in bands.values()


def test_existing_text_gets_its_citations_and_its_sources_their_short_names(install_before_citations):
    from pages.models import SideEffect

    itp = SideEffect.objects.get(slug="itp")
    assert '- bruising easily <!-- PL 4: "easy bruising" -->' in itp.urgent_signs
    assert itp.sources.startswith("- PL: [Lemtrada Package Leaflet")
    assert "SmPC: [Lemtrada Summary of Product Characteristics" in itp.sources
    assert "PL: <a" in itp.sources_html
    assert itp.citation_problems() == []


def test_unedited_rows_stay_recognisable_and_an_editors_row_is_named(install_before_citations):
    out = StringIO()
    call_command("load_seed_content", "--update-unedited", stdout=out)
    output = out.getvalue()

    assert "Left alone 1 changed by an editor since they were loaded: Monitoring after Lemtrada." in output
    assert "Updated " in output
    from pages.models import Page, SideEffect

    # Every unedited row now holds the files' text exactly: the audit finds only the editor's own words.
    problems = [
        problem for item in [*Page.objects.all(), *SideEffect.objects.all()] for problem in item.citation_problems()
    ]
    assert problems == [
        "body: uncited paragraph “The MS nurse's own words.”",
        "body: uncited bullet “a blood test every month”",
        "description: uncited paragraph “D”",
        "what to do: uncited paragraph “W”",
    ]
