"""
The rules a treatment plan is built from, each defined once, with the public source it comes from.

Each rule's number makes both the plan's dates and the phrase the site's own page must state
(tests/test_planner_matches_content.py checks every published page for its phrase), so a change in
guidance cannot update the plan and leave the page behind, or the other way round.
"""

from dataclasses import dataclass

from django.urls import reverse

EPAR_URL = "https://www.ema.europa.eu/en/medicines/human/EPAR/lemtrada"


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""


# The same documents, dated the same way, as the content pages name (pages/content/).
SMPC = (
    "Lemtrada Summary of Product Characteristics (EPAR product information), European Medicines Agency, "
    "as updated by the European Commission decision of 16 January 2020"
)
SMPC_DOSING = Source(f"{SMPC}: section 4.2, posology", EPAR_URL)
SMPC_WARNINGS = Source(f"{SMPC}: section 4.4, special warnings and precautions", EPAR_URL)
SMPC_PREGNANCY = Source(f"{SMPC}: section 4.6, fertility, pregnancy and lactation", EPAR_URL)
MHRA_2020 = Source(
    "Lemtrada (alemtuzumab): updated restrictions and strengthened monitoring requirements following review of "
    "serious cardiovascular and immune-mediated reactions, MHRA Drug Safety Update, February 2020"
)


@dataclass(frozen=True)
class Rule:
    number: int
    wording: str  # how the site's page states the rule; {} is the number
    page_slug: str
    page_title: str
    source: Source
    # Numbers the page says in words instead ("every month", not "every 1 months").
    in_words: tuple = ()

    @property
    def phrase(self):
        return dict(self.in_words).get(self.number) or self.wording.format(self.number)

    @property
    def page_url(self):
        return reverse("pages:detail", kwargs={"slug": self.page_slug})


FIRST_COURSE_DAYS = Rule(5, "{} days in a row", "treatment", "How Lemtrada is given", SMPC_DOSING)
LATER_COURSE_DAYS = Rule(3, "{} days in a row", "treatment", "How Lemtrada is given", SMPC_DOSING)
MONTHS_BETWEEN_COURSES = Rule(12, "{} months after", "treatment", "How Lemtrada is given", SMPC_DOSING)
HOURS_WATCHED = Rule(2, "at least {} hours", "treatment", "How Lemtrada is given", MHRA_2020)
STEROID_DAYS = Rule(3, "first {} days", "treatment", "How Lemtrada is given", SMPC_DOSING)
ANTIVIRAL_MONTHS = Rule(
    1, "at least {} months", "treatment", "How Lemtrada is given", SMPC_DOSING, ((1, "at least 1 month"),)
)
CONTRACEPTION_MONTHS = Rule(4, "{} months after", "before-treatment", "Before treatment", SMPC_PREGNANCY)
FOOD_SAFETY_WEEKS_BEFORE = Rule(
    2, "{} weeks before", "after-treatment", "Living with Lemtrada after treatment", SMPC_WARNINGS
)
FOOD_SAFETY_MONTHS = Rule(
    1,
    "at least {} months",
    "after-treatment",
    "Living with Lemtrada after treatment",
    SMPC_WARNINGS,
    ((1, "at least 1 month"),),
)
MONTHS_BETWEEN_TESTS = Rule(
    1, "every {} months", "monitoring", "Monitoring after Lemtrada", SMPC_WARNINGS, ((1, "every month"),)
)
MONTHS_BETWEEN_THYROID_TESTS = Rule(3, "every {} months", "monitoring", "Monitoring after Lemtrada", SMPC_WARNINGS)
MONITORING_MONTHS = Rule(48, "{} months", "monitoring", "Monitoring after Lemtrada", SMPC_WARNINGS)
CERVICAL_SCREENING_MONTHS = Rule(
    12,
    "cervical screening test every {} months",
    "monitoring",
    "Monitoring after Lemtrada",
    SMPC_WARNINGS,
    ((12, "cervical screening test every year"),),
)

RULES = [
    FIRST_COURSE_DAYS,
    LATER_COURSE_DAYS,
    MONTHS_BETWEEN_COURSES,
    HOURS_WATCHED,
    STEROID_DAYS,
    ANTIVIRAL_MONTHS,
    CONTRACEPTION_MONTHS,
    FOOD_SAFETY_WEEKS_BEFORE,
    FOOD_SAFETY_MONTHS,
    MONTHS_BETWEEN_TESTS,
    MONTHS_BETWEEN_THYROID_TESTS,
    MONITORING_MONTHS,
    CERVICAL_SCREENING_MONTHS,
]

SOURCES = list(dict.fromkeys(rule.source for rule in RULES))
