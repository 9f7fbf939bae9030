"""
Issue 22's corrections, each pinned in the words of the Package Leaflet (PL) that the site now follows.
The evidence for each is the citation kept with the text (see pages/citations.py).
"""

import pytest

from pages.models import SideEffect
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return text_of(response)


# 1. Urgency as the leaflet words it: "call your doctor immediately ... If you cannot reach your doctor, you
# must seek immediate medical attention" (PL 4); HLH, adult-onset Still's disease, PML: "contact your doctor
# immediately" (PL 2).
@pytest.mark.parametrize(
    "slug", ["itp", "kidney-problems", "acquired-haemophilia-a", "ttp", "hlh", "adult-onset-stills-disease", "pml"]
)
def test_the_bleeding_kidney_and_immune_pages_say_immediately_and_give_the_route_if_the_team_cannot_be_reached(
    client, seeded, slug
):
    text = page(client, f"/side-effects/{slug}/")
    assert "Contact your MS team immediately if you notice:" in text
    assert "If you cannot reach your MS team, get medical help at once: go to A&amp;E or call 999." in text
    assert "the same day" not in text
    assert "NHS 111" not in text


def test_the_panel_after_an_infusion_says_immediately_and_sends_stroke_and_chest_pain_to_999(client, seeded):
    text = page(client, "/treatment/")
    panel = text[text.index("If you feel unwell after an infusion") :]
    assert "Call 999 if you have any of these" in panel and "call 999 whenever they happen" in panel
    call_999 = panel[: panel.index("These can be signs of a stroke")]
    assert "one side of your face drooping" in call_999 and "chest pain" in call_999
    assert "contact your MS team immediately" in panel
    assert "the same day" not in panel and "NHS 111" not in panel


def test_the_side_effect_list_and_search_say_immediately_not_the_same_day(client, seeded):
    for url in ["/side-effects/", "/search/"]:
        text = page(client, url)
        assert "the same day" not in text and "NHS 111" not in text, url
        assert "go to A&amp;E or call 999" in text, url
    assert "Contact your MS team immediately if you notice:" in page(client, "/side-effects/")


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("infections", "Tell your MS team right away if you have signs of an infection"),
        ("overactive-or-underactive-thyroid", "call your MS team right away"),
        ("raised-liver-enzymes", "report it to your MS team"),
    ],
)
def test_other_signs_use_the_leaflets_own_words_and_are_not_marked_urgent(client, seeded, slug, words):
    assert words in page(client, f"/side-effects/{slug}/")
    assert not SideEffect.objects.get(slug=slug).urgent


@pytest.mark.parametrize("slug", ["stroke-and-torn-neck-arteries", "heart-attack", "bleeding-in-the-lungs"])
def test_stroke_heart_attack_and_lung_bleeding_signs_mean_999(client, seeded, slug):
    assert "Call 999 if you notice:" in page(client, f"/side-effects/{slug}/")


# 2. Infusion reactions: "at the time of the infusion or within 24 hours after the infusion" (PL 4).
def test_infusion_reactions_come_within_24_hours_not_48(client, seeded):
    for url in ["/treatment/", "/side-effects/infusion-reactions/"]:
        text = page(client, url)
        assert "within 24 hours" in text, url
        assert "48 hours" not in text, url


# 3. Thyroid: "in most cases you will need to be treated for the rest of your life ... in some cases your
# thyroid gland may have to be removed" (PL 2).
def test_the_thyroid_page_says_treatment_is_usually_lifelong_and_the_gland_may_be_removed(client, seeded):
    text = page(client, "/side-effects/overactive-or-underactive-thyroid/")
    assert "medicines to control it for the rest of your life" in text
    assert "Some people need their thyroid gland taken out" in text
    assert "can usually be treated with medicines" not in text


# 4. Kidney: "If untreated it can cause kidney failure requiring dialysis or transplantation, and may lead to
# death" (PL 2).
def test_the_kidney_page_says_untreated_it_can_mean_dialysis_a_transplant_or_death(client, seeded):
    text = page(client, "/side-effects/kidney-problems/")
    assert "kidney failure" in text and "dialysis or a kidney transplant" in text and "it can be fatal" in text


# 5. Bands: PL section 4.
@pytest.mark.parametrize(
    ("slug", "band"),
    [
        ("kidney-problems", "rare"),
        ("acquired-haemophilia-a", "uncommon"),
        ("hlh", "rare"),
        ("ttp", "rare"),
        ("stroke-and-torn-neck-arteries", "not_known"),
        ("heart-attack", "not_known"),
        ("bleeding-in-the-lungs", "not_known"),
        ("adult-onset-stills-disease", "not_known"),
        ("blood-pressure-and-heart-rate-changes", "very_common"),
        ("pml", "no_frequency"),
        ("low-platelets-after-an-infusion", "no_frequency"),
    ],
)
def test_each_side_effect_has_the_leaflets_band(seeded, slug, band):
    assert SideEffect.objects.get(slug=slug).band == band


def test_the_blood_pressure_page_states_both_bands(client, seeded):
    text = page(client, "/side-effects/blood-pressure-and-heart-rate-changes/")
    assert "Changes in your heart rate are very common (more than 1 in 10 people)" in text
    assert "Low blood pressure during or after an infusion is common (up to 1 in 10 people)" in text


def test_no_page_says_rarely_of_a_side_effect_whose_band_is_not_rare(client, seeded):
    for side_effect in SideEffect.objects.exclude(band=SideEffect.Band.RARE):
        assert "rarely" not in page(client, side_effect.get_absolute_url()).lower(), side_effect.slug


# 6. Vaccines: "at least 6 weeks before starting a LEMTRADA treatment course"; no live vaccines "if you have
# recently received LEMTRADA" (PL 2), with no exception.
def test_vaccines_are_due_6_weeks_before_each_course_and_live_vaccines_have_no_exception(client, seeded):
    text = page(client, "/before-treatment/")
    assert "at least 6 weeks before you start a course of Lemtrada" in text
    assert "before your first course" not in text.split("## Vaccinations")[-1]
    for url in ["/before-treatment/", "/after-treatment/"]:
        assert "Do not have live vaccines if you have had Lemtrada recently" in page(client, url), url
        assert "unless your MS team says it is safe" not in page(client, url), url


# 7. Antiviral: "on the days that you receive LEMTRADA treatment, and for one month following the treatment"
# (PL 2); the SmPC's "minimum of 1 month" could not be read, so the site says what the leaflet says.
def test_the_antiviral_runs_from_the_first_day_of_each_course_to_a_month_after_it_everywhere(client, seeded):
    assert "from the first day of each course until 1 month after it. Do not stop sooner" in page(
        client, "/after-treatment/"
    )
    assert "You start it on the first day of each course and take it until 1 month after the course" in page(
        client, "/treatment/"
    )
    assert "on the days of your infusions and for 1 month after each course" in page(
        client, "/side-effects/infections/"
    )
    assert "for as long as your team tells you" not in page(client, "/after-treatment/")


# 8. Infections: airway, urinary and herpes infections are very common; cough, cold sores and shingles common.
def test_the_infections_page_puts_each_infection_in_its_band(client, seeded):
    text = page(client, "/side-effects/infections/")
    very_common = text[text.index("Very common") : text.index("Common (up to 1 in 10 people)")]
    common = text[text.index("Common (up to 1 in 10 people)") : text.index("Other infections")]
    assert "colds and sinus infections" in very_common and "urine infections" in very_common
    assert "herpes infections" in very_common
    for word in ["cough", "cold sores", "shingles"]:
        assert word in common and word not in very_common, word


# 9. Warning signs as the PL lists them.
def test_acquired_haemophilia_a_lists_painful_joints_and_cuts_that_bleed_longer(client, seeded):
    text = page(client, "/side-effects/acquired-haemophilia-a/")
    assert "painful or swollen joints" in text and "a cut that bleeds for longer than usual" in text


def test_hlh_lists_the_leaflets_signs_and_not_yellow_skin(client, seeded):
    text = page(client, "/side-effects/hlh/")
    signs = text[text.index("if you notice:") : text.index("About this side effect")]
    for sign in ["fever", "swollen glands", "bruising", "a skin rash"]:
        assert sign in signs
    assert "yellow" not in signs.lower()


# 10. Cancer: only what the EU leaflet says ("If you have been diagnosed with cancer in the past, please
# inform your doctor about it", PL 2); the US label's list of cancers is gone.
def test_cancer_is_stated_only_as_the_eu_leaflet_states_it(client, seeded):
    text = page(client, "/after-treatment/")
    assert "If you have had cancer before, make sure your MS team knows" in text
    for us_wording in ["melanoma", "lymphoma", "thyroid cancer", "new or changing mole"]:
        for url in ["/after-treatment/", "/monitoring/"]:
            assert us_wording not in page(client, url), (url, us_wording)


def test_itp_is_called_a_bleeding_disorder_not_a_clotting_one(client, seeded):
    text = page(client, "/side-effects/itp/")
    assert "It is a bleeding disorder" in text and "clotting disorder" not in text
