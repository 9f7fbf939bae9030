"""The published site carries the 2020 safety review's facts, each with its source, and none of the old wording."""

import pytest

from pages.models import Page, SideEffect
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

KEY_FACTS = {
    "restricted licence": ["highly active", "rapidly evolving severe", "at least one other disease-modifying drug"],
    "intensive care": ["hospital that can give intensive care"],
    "who must not have it": ["have HIV", "an autoimmune disease other than MS", "have ever had a bleeding disorder"],
    "reactions within 1 to 3 days": ["stroke", "heart attack", "bleeding in the lungs", "cervicocephalic arterial",
                                     "Low platelets soon after an infusion", "within 1 to 3 days",
                                     "can follow any infusion of a course"],
    "their signs": ["face drooping", "weakness on one side", "trouble speaking", "sudden, severe headache",
                    "neck pain", "chest pain", "trouble breathing", "coughing up blood"],
    "999": ["Call 999"],
    "HLH": ["Haemophagocytic lymphohistiocytosis (HLH)"],
    "autoimmune hepatitis": ["autoimmune hepatitis"],
    "acquired haemophilia": ["Acquired haemophilia A"],
    "cancer": ["If you have had cancer, tell your MS team"],
    "after the monitoring": ["can start even after your monitoring has ended", "more than one"],
    "hepatitis carriers": ["If you carry hepatitis B or hepatitis C, your team needs to take extra care"],
    "vaccines": ["at least 6 weeks before you start a course of Lemtrada", "live vaccines"],
    "contraception": ["effective contraception during each course and for 4 months after each course"],
    "breastfeeding": ["Do not breastfeed"],
    "listeria": ["listeria", "until at least 1 month after it"],
    "alert card and guide": ["Patient Alert Card", "Patient Guide"],
    "precise monitoring": ["for 2 hours after it ends", "each of the first 3 days of every course",
                           "until 1 month after the course", "within 24 hours"],
}  # fmt: skip

OLD_WORDING = [
    "active or very active",
    "Most people have 8 infusions",
    "closely for 2 hours",
    "may be given a medicine to take during the first month",
    "a skin check",
    "every known side effect",
    "Less common",
    "48 hours",
    "the same day",
    "NHS 111",
    "can usually be treated with medicines",
    "for as long as your team tells you",
    "unless your MS team says it is safe",
    "melanoma",
    "lymphoma",
    "Rarely, people have had",
    # The slips in the original seed page
    "first does",
    "may decided",
    "5 infusion ",
    "year later you",
]


@pytest.fixture
def whole_site(client, seeded):
    """Every published page and side effect, and the side-effect list, as one text."""
    urls = [page.get_absolute_url() for page in Page.objects.published()]
    urls += [side_effect.get_absolute_url() for side_effect in SideEffect.objects.published()]
    urls.append("/side-effects/")
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(text_of(response))
    return " ".join(texts)


@pytest.mark.parametrize("fact", KEY_FACTS)
def test_the_published_site_states_the_key_fact(whole_site, fact):
    for phrase in KEY_FACTS[fact]:
        assert phrase.lower() in whole_site.lower(), f"{fact}: “{phrase}” is missing"


@pytest.mark.parametrize("old", OLD_WORDING)
def test_the_old_wording_is_gone(whole_site, old):
    assert old not in whole_site


def test_every_published_page_and_side_effect_shows_its_sources(client, seeded):
    items = [*Page.objects.published(), *SideEffect.objects.published()]
    for item in [item for item in items if item.is_clinical]:
        text = text_of(client.get(item.get_absolute_url()))
        assert "Where this information comes from" in text, item
        assert "European Medicines Agency" in text, item


def test_the_home_page_says_who_lemtrada_is_for_now(client, seeded):
    text = text_of(client.get("/"))
    assert "only for adults whose relapsing-remitting MS is highly active" in text
    assert "active or very active" not in text


def test_the_blood_pressure_page_sends_chest_pain_to_999_not_the_ms_team(client, seeded):
    text = text_of(client.get("/side-effects/blood-pressure-and-heart-rate-changes/"))
    assert "If chest pain or trouble breathing is sudden or severe, call 999" in text
    assert "If this happens after you go home, contact your MS team" not in text


@pytest.mark.parametrize(
    ("slug", "phrases"),
    [
        ("treatment", ["5 days in a row", "3 days in a row", "12 months after", "at least 2 hours", "first 3 days",
                       "at least 1 month", "one or two extra courses"]),
        ("before-treatment", ["4 months after", "at least 6 weeks before"]),
        ("after-treatment", ["at least 1 month"]),
        ("monitoring", ["every month", "every 3 months", "48 months", "cervical screening test every year"]),
    ],
)  # fmt: skip
def test_the_pages_state_the_facts_the_treatment_planner_relies_on(client, seeded, slug, phrases):
    text = text_of(client.get(f"/{slug}/")).lower()
    for phrase in phrases:
        assert phrase in text, (slug, phrase)


def test_the_new_pages_are_in_the_navigation_in_treatment_order(client, seeded):
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    order = ["About Lemtrada", "Before treatment", "Treatment", "Monitoring", "After treatment", "Side effects"]
    positions = [nav.index(f">{label}</a>") for label in order]
    assert positions == sorted(positions)
