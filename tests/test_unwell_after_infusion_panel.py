"""The “If you feel unwell after an infusion” panel sits on the treatment page and every side-effect page."""

import pytest

from pages.models import SideEffect
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

PANEL = "If you feel unwell after an infusion"


def test_the_treatment_page_carries_the_panel_with_999_and_its_signs(client, seeded):
    text = text_of(client.get("/treatment/"))
    assert PANEL in text
    for phrase in ["Call 999", "face drooping", "chest pain or trouble breathing", "coughing up blood",
                   "contact your MS team immediately", "up to 24 hours"]:  # fmt: skip
        assert phrase in text


def test_every_side_effect_page_carries_the_panel(client, seeded):
    for side_effect in SideEffect.objects.published():
        assert PANEL in text_of(client.get(side_effect.get_absolute_url())), side_effect.slug


@pytest.mark.parametrize("url", ["/", "/monitoring/", "/before-treatment/"])
def test_other_pages_do_without_it(client, seeded, url):
    assert PANEL not in text_of(client.get(url))
