"""The sign-off screen shows each claim beside its citation, and marks a claim that has none."""

import re

import pytest
from django.test import Client

from pages.models import SideEffect

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(clinical_reviewer):
    reviewer = Client()
    reviewer.force_login(clinical_reviewer)
    return reviewer


def rows(html):
    table = html[html.index("Each claim and its evidence") : html.index("The text now")]
    return [
        (kind, re.sub(r"<[^>]+>", "", claim).strip(), " ".join(re.sub(r"<[^>]+>", " ", evidence).split()))
        for kind, claim, evidence in re.findall(r'<tr class="(\w+)">\s*<td>(.*?)</td>\s*<td>(.*?)</td>', table, re.S)
    ]


def test_each_claim_sits_beside_its_citation(reviewer_client, seeded):
    ttp = SideEffect.objects.get(slug="ttp")
    html = reviewer_client.get(f"/admin/pages/sideeffect/{ttp.pk}/sign-off/").content.decode()
    found = rows(html)
    assert ("cited", "confusion", "PL 4: “confusion”") in found
    assert (
        "cited",
        "It is rare: it may affect up to 1 in 1,000 people. It can be fatal.",
        "PL 4: “Thrombotic thrombocytopenic purpura (TTP), (rare-may affect up to 1 in 1,000 people)” "
        "PL 2: “TTP can be fatal”",
    ) in found
    assert "No citation" not in html


def test_a_claim_without_a_citation_is_marked(reviewer_client, seeded):
    ttp = SideEffect.objects.get(slug="ttp")
    ttp.what_to_do += "\n\nIt is treated with plasma exchange."
    ttp.save()
    html = reviewer_client.get(f"/admin/pages/sideeffect/{ttp.pk}/sign-off/").content.decode()
    assert (
        "uncited",
        "It is treated with plasma exchange.",
        "No citation. Ask an editor to add one, or check this claim yourself.",
    ) in rows(html)
