"""/side-effects/ opens with “Get help straight away”, then the leaflet's bands in order, each with its reach."""

import re

import pytest

from pages.models import SideEffect
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

NO_FREQUENCY = "No frequency given: the leaflet does not say how often"
BAND_HEADINGS = [
    "Very common: may affect more than 1 in 10 people",
    "Common: may affect up to 1 in 10 people",
    "Uncommon: may affect up to 1 in 100 people",
    "Rare: may affect up to 1 in 1,000 people",
    "Not known: how often cannot be estimated from the available data",
    NO_FREQUENCY,
]


def band_headings(html):
    return re.findall(r'<h2 id="band-[a-z_]+">([^<]+)</h2>', html)


def test_the_list_starts_with_get_help_straight_away_then_the_bands_in_the_leaflets_order(client, seeded):
    html = client.get("/side-effects/").content.decode()
    assert html.index("Get help straight away") < html.index('<h2 id="band-')
    # Every band the content uses, in the leaflet's order, those with no frequency given last.
    assert band_headings(html) == BAND_HEADINGS


def test_every_band_heads_the_list_in_the_leaflets_order_with_no_frequency_given_last(client, make_side_effect):
    for band in reversed(SideEffect.Band):
        make_side_effect(name=f"Effect {band.value}", slug=f"effect-{band.value.replace('_', '-')}", band=band)
    html = client.get("/side-effects/").content.decode()
    assert band_headings(html) == BAND_HEADINGS


def test_no_side_effect_is_left_without_a_leaflet_band(seeded):
    assert "unchecked" not in SideEffect.Band.values
    assert set(SideEffect.objects.values_list("band", flat=True)) <= set(SideEffect.Band.values)


def test_the_urgent_section_names_each_urgent_side_effect_its_signs_and_who_to_call(client, seeded):
    html = client.get("/side-effects/").content.decode()
    urgent = html[html.index('id="get-help"') : html.index("All side effects, by how often they happen")]
    for side_effect in SideEffect.objects.filter(urgent=True):
        assert f'href="{side_effect.get_absolute_url()}"' in urgent, side_effect.slug
    assert "Call 999</strong> if you notice" in urgent
    assert "Contact your MS team immediately</strong> if you notice" in urgent
    for sign in ["face drooping", "coughing up blood", "small red, pink or purple spots"]:
        assert sign in urgent
    # The ambulance reactions come before those for the MS team.
    assert urgent.index("/side-effects/stroke-and-torn-neck-arteries/") < urgent.index("/side-effects/itp/")


def band_of(html, side_effect):
    """The band heading a side effect's entry sits under, below the urgent section."""
    bands = html[html.index("All side effects, by how often they happen") :]
    before_entry = bands[: bands.index(f'href="{side_effect.get_absolute_url()}"')]
    return re.findall(r'<h2 id="band-[a-z_]+">([^<]+)</h2>', before_entry)[-1]


@pytest.mark.parametrize(
    ("slug", "heading"),
    [
        ("itp", "Common: may affect up to 1 in 10 people"),
        ("overactive-or-underactive-thyroid", "Very common: may affect more than 1 in 10 people"),
        ("infusion-reactions", "Very common: may affect more than 1 in 10 people"),
        ("raised-liver-enzymes", "Common: may affect up to 1 in 10 people"),
        ("kidney-problems", "Rare: may affect up to 1 in 1,000 people"),
        ("hlh", "Rare: may affect up to 1 in 1,000 people"),
        ("ttp", "Rare: may affect up to 1 in 1,000 people"),
        ("stroke-and-torn-neck-arteries", "Not known: how often cannot be estimated from the available data"),
        ("acquired-haemophilia-a", "Uncommon: may affect up to 1 in 100 people"),
        ("blood-pressure-and-heart-rate-changes", "Very common: may affect more than 1 in 10 people"),
        ("pml", NO_FREQUENCY),
        ("low-platelets-after-an-infusion", NO_FREQUENCY),
    ],
)
def test_each_side_effect_sits_under_the_band_the_leaflet_gives_it(client, seeded, slug, heading):
    html = client.get("/side-effects/").content.decode()
    assert band_of(html, SideEffect.objects.get(slug=slug)) == heading


def test_every_published_side_effect_is_listed_once_under_a_band(client, seeded):
    html = client.get("/side-effects/").content.decode()
    bands = html[html.index("All side effects, by how often they happen") :]
    for side_effect in SideEffect.objects.published():
        assert bands.count(f'href="{side_effect.get_absolute_url()}"') == 1, side_effect.slug


def test_an_empty_band_has_no_heading(client, make_side_effect):
    make_side_effect(band=SideEffect.Band.RARE)
    text = text_of(client.get("/side-effects/"))
    assert "Rare: may affect up to 1 in 1,000 people" in text
    assert "Very common" not in text
    assert "Get help straight away" not in text


@pytest.mark.parametrize(
    ("slug", "heading"),
    [
        ("stroke-and-torn-neck-arteries", "Call 999 if you notice:"),
        ("heart-attack", "Call 999 if you notice:"),
        ("itp", "Contact your MS team immediately if you notice:"),
        ("ttp", "Contact your MS team immediately if you notice:"),
    ],
)
def test_each_urgent_side_effect_page_says_who_to_call(client, seeded, slug, heading):
    text = text_of(client.get(f"/side-effects/{slug}/"))
    assert heading in text
    assert "Urgent" in text


def test_the_liver_entry_names_autoimmune_hepatitis_and_asks_to_report_its_signs(client, seeded):
    liver = SideEffect.objects.get(slug="raised-liver-enzymes")
    text = text_of(client.get(liver.get_absolute_url()))
    assert "autoimmune hepatitis" in text
    assert "yellow skin or yellow whites of your eyes" in text
    assert "report it to your MS team" in text


def test_a_side_effect_page_says_how_many_people_it_may_affect(client, seeded):
    assert "Common: may affect up to 1 in 10 people" in text_of(client.get("/side-effects/itp/"))


def test_a_side_effect_the_leaflet_gives_no_frequency_for_says_so_and_comes_last(client, seeded):
    page = text_of(client.get("/side-effects/pml/"))
    assert NO_FREQUENCY in page
    assert "may affect" not in page.split(NO_FREQUENCY)[1].split("About this side effect")[0]
    html = client.get("/side-effects/").content.decode()
    assert band_headings(html)[-1] == NO_FREQUENCY


def test_the_no_frequency_band_is_true_both_of_what_the_leaflet_names_and_of_what_it_leaves_out(client, seeded):
    # PML is in the leaflet without a frequency; low platelets soon after an infusion are not in it at all.
    text = text_of(client.get("/side-effects/"))
    assert "It names some of them without saying how often; others are not in the leaflet at all" in text
    assert "not in the Package Leaflet, so the leaflet does not say how often" in text_of(
        client.get("/side-effects/low-platelets-after-an-infusion/")
    )
    assert "names these without saying how often" not in text
    assert "The leaflet names PML without saying how often it happens" in text_of(client.get("/side-effects/pml/"))


def test_the_no_frequency_explanation_appears_only_when_such_a_side_effect_is_listed(client, make_side_effect):
    make_side_effect(band=SideEffect.Band.COMMON)
    assert "without saying how often" not in text_of(client.get("/side-effects/"))
