import re

import pytest
from django.core.management import call_command

from pages.models import Page, SideEffect

pytestmark = pytest.mark.django_db

SEED_SLIPS = ["first does", "may decided", "5 infusion ", "year later you", "blood clotting disorder"]


def text_of(response):
    """The page as a reader sees it: tags removed, white space folded."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_home_says_what_lemtrada_is_and_who_it_is_for(client, seeded):
    text = text_of(client.get("/"))
    assert "alemtuzumab" in text
    assert "disease-modifying drug (DMD)" in text
    assert "active or very active relapsing-remitting MS" in text
    for link in ["/treatment/", "/monitoring/", "/side-effects/"]:
        assert f'href="{link}"' in client.get("/").content.decode()


def test_treatment_page_carries_every_seed_fact(client, seeded):
    response = client.get("/treatment/")
    assert response.status_code == 200
    text = text_of(response)
    assert "drip into a vein" in text and "intravenous infusion" in text
    assert "about 4 hours" in text
    assert "closely for 2 hours" in text
    assert "8 infusions" in text
    assert "5 infusions, one a day on 5 days in a row (5 consecutive days)" in text
    assert "A year later: 3 infusions, one a day on 3 days in a row (3 consecutive days)" in text
    assert "You and your consultant may decide" in text
    assert "at least 12 months after your last course" in text


def test_monitoring_page_carries_every_seed_fact(client, seeded):
    response = client.get("/monitoring/")
    assert response.status_code == 200
    text = text_of(response)
    assert "start after your first dose" in text
    assert "Every month" in text
    for check in ["a blood test", "a urine test", "self-checks", "a skin check"]:
        assert check in text
    assert "Every year" in text
    assert "at least 4 years after your last course" in text


@pytest.mark.parametrize("url", ["/", "/treatment/", "/monitoring/", "/side-effects/"])
def test_none_of_the_seed_slips_survive(client, seeded, url):
    text = text_of(client.get(url))
    for slip in SEED_SLIPS:
        assert slip not in text


def test_none_of_the_seed_slips_survive_in_any_side_effect(client, seeded):
    for side_effect in SideEffect.objects.all():
        text = text_of(client.get(side_effect.get_absolute_url()))
        for slip in SEED_SLIPS:
            assert slip not in text, (side_effect.slug, slip)


def test_side_effects_page_lists_all_ten_under_their_bands_common_first(client, seeded):
    html = client.get("/side-effects/").content.decode()
    common = html.index('<h2 id="band-common">Common side effects</h2>')
    less_common = html.index('<h2 id="band-less_common">Less common side effects</h2>')
    assert common < less_common
    assert SideEffect.objects.published().count() == 10
    for side_effect in SideEffect.objects.all():
        position = html.index(f'href="{side_effect.get_absolute_url()}"')
        if side_effect.band == SideEffect.Band.COMMON:
            assert common < position < less_common, side_effect.name
        else:
            assert position > less_common, side_effect.name


def test_infections_name_their_own_examples_and_not_the_infusion_reaction_phrase(client, seeded):
    text = text_of(client.get("/side-effects/infections/"))
    for example in ["coughs", "colds", "chest infections", "cold sores", "shingles"]:
        assert example in text
    assert "nausea" not in text
    assert "headache" not in text


def test_the_thyroid_entries_say_different_things(seeded):
    thyroid = SideEffect.objects.filter(name__icontains="thyroid")
    assert thyroid.count() == 2
    first, second = thyroid
    assert first.summary != second.summary
    assert {first.band, second.band} == {SideEffect.Band.COMMON, SideEffect.Band.LESS_COMMON}


@pytest.mark.parametrize("slug", ["itp", "kidney-problems"])
def test_urgent_side_effects_carry_their_warning_in_words(client, seeded, slug):
    side_effect = SideEffect.objects.get(slug=slug)
    assert side_effect.urgent
    text = text_of(client.get(side_effect.get_absolute_url()))
    assert "Urgent" in text
    assert "Get medical help the same day" in text
    list_html = client.get("/side-effects/").content.decode()
    item = list_html[list_html.index(side_effect.get_absolute_url()) :][:400]
    assert "Urgent" in item


def test_itp_is_described_as_a_bleeding_disorder(client, seeded):
    text = text_of(client.get("/side-effects/itp/"))
    assert "bleeding disorder" in text
    assert "coughing up blood" in text


def test_running_the_command_twice_leaves_the_same_rows(seeded):
    before = (
        list(Page.objects.order_by("slug").values_list("slug", "title", "body")),
        list(SideEffect.objects.order_by("slug").values_list("slug", "name", "description")),
    )
    call_command("load_seed_content", stdout=open("/dev/null", "w"))
    after = (
        list(Page.objects.order_by("slug").values_list("slug", "title", "body")),
        list(SideEffect.objects.order_by("slug").values_list("slug", "name", "description")),
    )
    assert before == after
    assert Page.objects.count() == 3
    assert SideEffect.objects.count() == 10


def test_an_editors_change_survives_a_rerun_and_missing_content_comes_back(seeded):
    treatment = Page.objects.get(slug="treatment")
    treatment.body = "Rewritten by the MS nurse."
    treatment.save()
    SideEffect.objects.get(slug="infections").delete()

    call_command("load_seed_content", stdout=open("/dev/null", "w"))

    assert Page.objects.get(slug="treatment").body == "Rewritten by the MS nurse."
    assert SideEffect.objects.filter(slug="infections").exists()
