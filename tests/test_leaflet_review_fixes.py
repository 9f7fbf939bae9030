"""
The independent review of issue 22's content against the Package Leaflet (PL), pinned: each test names the
finding and the leaflet's words the site now follows. Safety findings (A) first.
"""

import re

import pytest

from pages.models import Page, SideEffect
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

# What a 999 instruction must never be limited to: the leaflet's 1-3 days is when most reactions happened.
TIME_LIMIT = re.compile(r"(?:in the|first) (?:\d+ )?days after an infusion|within 1 to 3 days", re.I)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return text_of(response)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(response.content.decode().split())


def section(text, start, end):
    return text[text.index(start) : text.index(end, text.index(start))]


def public_urls():
    urls = [item.get_absolute_url() for item in [*Page.objects.published(), *SideEffect.objects.published()]]
    return [*urls, "/side-effects/"]


# A1. "In the majority of cases reactions occurred within 1-3 days of the infusion. ... Get help right away if
# you have any of the following symptoms" (PL 2): no time limit on calling 999.
def test_no_999_advice_anywhere_is_limited_to_the_days_after_an_infusion(client, seeded):
    for url in public_urls():
        for sentence in re.split(r"(?<=[.:!?])\s+", page(client, url)):
            if "999" in sentence and TIME_LIMIT.search(sentence):
                assert "whenever" in sentence, (url, sentence)


@pytest.mark.parametrize("url", ["/after-treatment/", "/treatment/", "/side-effects/itp/"])
def test_the_999_signs_mean_999_whenever_they_happen(client, seeded, url):
    text = page(client, url)
    assert "They are most likely in the first 3 days after an infusion, but call 999 whenever they happen" in text


@pytest.mark.parametrize(
    "slug", ["sarcoidosis", "pneumonitis-and-pericarditis", "blood-pressure-and-heart-rate-changes"]
)
def test_sudden_or_severe_chest_pain_or_breathlessness_means_999_at_any_time(client, seeded, slug):
    text = page(client, f"/side-effects/{slug}/")
    assert "chest pain or trouble breathing is sudden or severe, call 999" in text
    assert "call 999 whenever it happens" in text


# A2. "these conditions may occur beyond 4 years, therefore, you must continue to look for signs and symptoms,
# even after you no longer need to do monthly blood and urine tests" (PL 2).
def test_monitoring_says_keep_watching_for_warning_signs_after_the_4_years(client, seeded):
    monitoring = Page.objects.get(slug="monitoring")
    assert "Keep watching for warning signs after that too" in monitoring.summary
    assert "until 4 years" not in monitoring.summary.split("infusion.")[1]
    text = page(client, "/monitoring/")
    watching = section(text, "All the time: watch for warning signs", "Other checks")
    assert "after your tests have stopped" in watching
    # Self-checks are not a monthly test.
    assert "self-checks" not in section(text, "Every month", "All the time")
    assert "Your monthly tests stop, but keep watching for warning signs" in text


# A3. TTP: "Get medical help right away if you have any of the following symptoms: ... confusion, speech
# changes" (PL 2); sudden speech changes are also stroke signs, which mean 999.
def test_ttp_sends_sudden_confusion_or_speech_changes_to_999(client, seeded):
    text = page(client, "/side-effects/ttp/")
    callout = section(text, "Contact your MS team immediately if you notice:", "About this side effect")
    assert "If confusion or a change in your speech comes on suddenly" in callout and "call 999" in callout
    assert "Get medical help right away" in section(text, "What to do", "If you feel unwell after an infusion")
    ttp = SideEffect.objects.get(slug="ttp")
    assert "call 999" in ttp.urgent_signs_html  # so the side-effect list and the warning signs say it too


# A4. A milder instruction for a sign that another page treats as urgent points to that page.
def test_the_liver_page_sends_bleeding_and_ttp_signs_to_the_ms_team_immediately(client, seeded):
    text = page(client, "/side-effects/raised-liver-enzymes/")
    assert "If you bleed or bruise more easily than usual, contact your MS team immediately" in text
    ttp = section(text, "Yellow skin or eyes, or dark urine, together with bruising", "If you feel unwell")
    assert "contact your MS team immediately" in ttp
    assert 'href="/side-effects/ttp/"' in html_of(client, "/side-effects/raised-liver-enzymes/")


def test_coughing_up_blood_on_the_lung_page_means_999_and_points_to_itp_and_kidney_problems(client, seeded):
    html = html_of(client, "/side-effects/pneumonitis-and-pericarditis/")
    assert "If you cough up blood, or chest pain or trouble breathing is sudden or severe, call 999" in html
    assert 'href="/side-effects/itp/"' in html and 'href="/side-effects/kidney-problems/"' in html


def test_painful_or_swollen_joints_mean_the_same_on_the_joint_page_as_on_the_haemophilia_page(client, seeded):
    text = page(client, "/side-effects/muscle-and-joint-pain/")
    assert "If a joint is painful or swollen, contact your MS team immediately" in text
    assert "together with bruising or bleeding" not in text
    assert "fever over 39°C that lasts more than a week" in text
    assert "painful or swollen joints" in page(client, "/side-effects/acquired-haemophilia-a/")


def test_tiredness_on_its_own_is_a_sign_of_infection(client, seeded):
    # EBV: "Tell your doctor right away if you have symptoms of infection such as fever, swollen glands, or
    # fatigue" (PL 2).
    text = page(client, "/side-effects/infections/")
    assert "unusual tiredness (fatigue)" in text
    assert "tiredness with a fever" not in text


# A5. "call your doctor immediately" covers every bleeding, kidney and TTP sign (PL 4), and HLH, AOSD and PML
# (PL 2): the after-treatment page gives examples and points to the full list.
def test_the_after_treatment_immediately_list_points_to_the_full_list(client, seeded):
    html = html_of(client, "/after-treatment/")
    text = page(client, "/after-treatment/")
    assert "contact your MS team immediately if you notice any sign on the list of" in text
    assert '<a href="/side-effects/">side effects that need help straight away</a>. For example:' in html
    for sign in ["swollen legs or feet", "painful or swollen joints", "yellow skin"]:
        assert sign in section(text, "For example:", "If you cannot reach your MS team"), sign
    panel = section(page(client, "/treatment/"), "If you feel unwell after an infusion", "Always say")
    assert "side effects that need help straight away" in panel and "swollen legs or feet" in panel


# A6. "call your doctor right away to report them"; bleeding and kidney signs: "immediately" (PL 4).
def test_monitoring_says_what_to_do_about_a_warning_sign_between_tests(client, seeded):
    text = page(client, "/monitoring/")
    assert "do not wait for your next test: call your MS team right away" in text
    assert "For bleeding, bruising or blood in your urine, contact them immediately" in text


# A7. "all female patients have an annual screening performed, such as a cervical smear" (PL 2), with no end.
@pytest.mark.parametrize(
    ("url", "start"),
    [("/after-treatment/", "After the 4 years of monitoring"), ("/monitoring/", "After the 48 months")],
)
def test_cervical_screening_goes_on_after_the_tests_stop(client, seeded, url, start):
    after = page(client, url).split(start)[1]
    assert "keep having a cervical screening test every year" in after
    assert "Your regular tests stop" not in after


# A8 is not on the site: "severe neutropenia within 2 months" is not in the leaflet, and the EU/UK SmPC 4.8
# could not be read (pages/content/README.md). B1. "Before treatment starts and every month after treatment"
# (PL 4).
def test_the_treatment_page_says_the_tests_start_before_the_first_course(client, seeded):
    text = page(client, "/treatment/")
    assert "You have blood and urine tests before your first course, then every month" in text
    assert "start after your first course" not in text


# B2. "monitored during the infusion and for 2 hours after the infusion has been completed" (PL 4).
def test_the_hours_watched_after_an_infusion_are_the_leaflets(client, seeded):
    text = page(client, "/treatment/")
    assert "watches you during each infusion and for 2 hours after it ends" in text
    assert "watch you for at least 2 hours" not in text


# B4, B5, B7: timing and frequency words that do not narrow or contradict the leaflet.
def test_hlh_can_start_years_later_and_its_signs_are_examples(client, seeded):
    text = page(client, "/side-effects/hlh/")
    assert "It can start months or even years after treatment" in text
    assert "Two or more signs such as:" in text
    assert "up to at least" not in text


def test_aosd_is_rare_in_general_and_not_known_after_lemtrada(client, seeded):
    text = page(client, "/side-effects/adult-onset-stills-disease/")
    assert "AOSD) is a rare condition in general" in text
    assert "How often it happens after Lemtrada is not known" in text


def test_autoimmune_encephalitis_names_mental_health_and_can_start_years_later(client, seeded):
    text = page(client, "/side-effects/autoimmune-encephalitis/")
    assert "changes in behaviour, mood or mental health" in text
    assert "It can start many years after treatment" in text


# B6. Low platelets soon after an infusion: the full bleeding signs (PL 4), and honest about the leaflet.
def test_low_platelets_lists_the_full_bleeding_signs(client, seeded):
    signs = SideEffect.objects.get(slug="low-platelets-after-an-infusion").urgent_signs
    itp = SideEffect.objects.get(slug="itp").urgent_signs
    assert signs == itp
    assert (
        "This includes any possible side effects not listed"
        not in SideEffect.objects.get(slug="low-platelets-after-an-infusion").description
    )
