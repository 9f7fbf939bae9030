"""The “If you feel unwell after an infusion” panel sits on the treatment page and every side-effect page."""

import pytest

from pages.models import SideEffect
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

PANEL = "If you feel unwell after an infusion"


def test_the_treatment_page_carries_the_panel_with_999_and_its_signs(client, seeded):
    text = text_of(client.get("/treatment/"))
    assert PANEL in text
    for phrase in ["Call 999", "one side of your face drooping", "chest pain", "coughing up blood",
                   "contact your MS team immediately", "up to 24 hours"]:  # fmt: skip
        assert phrase in text


def test_the_panels_999_signs_are_the_side_effects_own_and_follow_an_edit(client, seeded):
    html = client.get("/side-effects/itp/").content.decode()
    panel = html[html.index(PANEL) :]
    for sign in SideEffect.signs_to_call_999():
        assert f"<li>{sign}</li>" in panel
    stroke = SideEffect.objects.get(slug="stroke-and-torn-neck-arteries")
    stroke.urgent_signs += '\n- sudden loss of balance <!-- PL 2: "sudden loss of balance" -->'
    stroke.save()

    for url in ["/treatment/", "/side-effects/itp/"]:
        html = client.get(url).content.decode()
        assert "<li>sudden loss of balance</li>" in html[html.index(PANEL) :], url


def test_every_side_effect_page_carries_the_panel(client, seeded):
    for side_effect in SideEffect.objects.published():
        assert PANEL in text_of(client.get(side_effect.get_absolute_url())), side_effect.slug


@pytest.mark.parametrize("url", ["/", "/monitoring/", "/before-treatment/"])
def test_other_pages_do_without_it(client, seeded, url):
    assert PANEL not in text_of(client.get(url))
