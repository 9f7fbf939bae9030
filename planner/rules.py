"""
The rules a treatment plan is built from, each defined once, with the public source it comes from.

Each rule's number makes both the plan's dates and the phrase the site's own page must state
(tests/test_planner_matches_content.py checks every published page for its phrase), so a change in
guidance cannot update the plan and leave the page behind, or the other way round.

Each rule also carries pinpoint citations: the document (from the site's one registry,
lemtrada_site/sources.py), its section, and the few words the rule rests on, as read in the document
itself. Where the Package Leaflet and the SmPC word a rule differently, the plan follows the leaflet,
which is written for patients. One citation could not be read in the document here and waits for the
clinical reviewer: the SmPC's 3-monthly thyroid test (see its rule).
"""

from dataclasses import dataclass

from django.urls import reverse

from lemtrada_site.sources import PL, SMPC, Document


@dataclass(frozen=True)
class Citation:
    """Where in a document a rule rests: its section and the few words, as read in the document itself."""

    source: Document
    section: str
    words: str

    def __str__(self):
        return f"{self.source.short} {self.section}: “{self.words}”"


@dataclass(frozen=True)
class Rule:
    number: int
    wording: str  # how the site's page states the rule; {} is the number
    page_slug: str
    page_title: str
    citations: tuple
    # Numbers the page says in words instead ("every month", not "every 1 months").
    in_words: tuple = ()

    @property
    def phrase(self):
        return dict(self.in_words).get(self.number) or self.wording.format(self.number)

    @property
    def page_url(self):
        return reverse("pages:detail", kwargs={"slug": self.page_slug})

    @property
    def sources(self):
        return [citation.source for citation in self.citations]


TREATMENT = ("treatment", "How Lemtrada is given")
BEFORE = ("before-treatment", "Before treatment")
AFTER = ("after-treatment", "Living with Lemtrada after treatment")
MONITORING = ("monitoring", "Monitoring after Lemtrada")

FIRST_COURSE_DAYS = Rule(
    5, "{} days in a row", *TREATMENT, (Citation(PL, "3", "one infusion per day for 5 days (course 1)"),)
)
LATER_COURSE_DAYS = Rule(
    3,
    "{} days in a row",
    *TREATMENT,
    (
        Citation(PL, "3", "one infusion per day for 3 days one year later (course 2)"),
        Citation(PL, "3", "additional treatment courses consisting of one infusion per day for 3 days"),
    ),
)
MONTHS_BETWEEN_COURSES = Rule(
    12,
    "{} months after",
    *TREATMENT,
    (
        Citation(PL, "3", "one year later (course 2)"),
        Citation(PL, "3", "additional treatment courses may be administered twelve months or more after the prior"),
    ),
)
# Course 1, course 2 and at most this many more: four courses in all.
ADDITIONAL_COURSES = Rule(
    2,
    "up to {} extra courses",
    *TREATMENT,
    (Citation(PL, "3", "may receive one or two additional treatment courses"),),
    ((2, "one or two extra courses"),),
)
HOURS_WATCHED = Rule(
    2,
    "at least {} hours",
    *TREATMENT,
    # Watched for 2 hours after each infusion ends (PL), so the reader plans to stay at least that long.
    (Citation(PL, "3", "for 2 hours after the infusion"),),
)
STEROID_DAYS = Rule(
    3, "first {} days", *TREATMENT, (Citation(PL, "3", "before each of the first 3 infusions of a LEMTRADA course"),)
)
ANTIVIRAL_MONTHS = Rule(
    1,
    "at least {} months",
    *TREATMENT,
    (Citation(PL, "2", "on the days that you receive LEMTRADA treatment, and for one month following"),),
    ((1, "at least 1 month"),),
)
CONTRACEPTION_MONTHS = Rule(
    4, "{} months after", *BEFORE, (Citation(PL, "2", "during each treatment course ... and for 4 months after"),)
)
VACCINATION_WEEKS_BEFORE = Rule(
    6,
    "at least {} weeks before",
    *BEFORE,
    (Citation(PL, "2", "at least 6 weeks before starting a LEMTRADA treatment course"),),
)
FOOD_SAFETY_WEEKS_BEFORE = Rule(2, "{} weeks before", *AFTER, (Citation(PL, "2", "two weeks before treatment"),))
FOOD_SAFETY_MONTHS = Rule(
    1,
    "at least {} months",
    *AFTER,
    (Citation(PL, "2", "for at least one month after LEMTRADA treatment"),),
    ((1, "at least 1 month"),),
)
MONTHS_BETWEEN_TESTS = Rule(
    1,
    "every {} months",
    *MONITORING,
    (Citation(PL, "4", "Blood test ... Urine test ... every month after treatment"),),
    ((1, "every month"),),
)
# Not read in the SmPC's own text here (only its opening sections could be reached); NICE TA312 section 4
# ("quarterly assessment of thyroid ... function for 4 years") and reviews quoting section 4.4 agree. The PL
# has a blood test every month that covers thyroid disorders; this rule adds no test the PL leaves out.
MONTHS_BETWEEN_THYROID_TESTS = Rule(
    3, "every {} months", *MONITORING, (Citation(SMPC, "4.4", "thyroid function tests ... every 3 months"),)
)
MONITORING_MONTHS = Rule(
    48,
    "{} months",
    *MONITORING,
    (
        Citation(PL, "3", "These tests must continue until 4 years after your last infusion"),
        Citation(SMPC, "4.2", "until 48 months after the last infusion"),
    ),
)
# Yearly, with no end: the leaflet ties it to no monitoring period.
CERVICAL_SCREENING_MONTHS = Rule(
    12,
    "cervical screening test every {} months",
    *MONITORING,
    (Citation(PL, "2", "all female patients have an annual screening performed, such as a cervical smear"),),
    ((12, "cervical screening test every year"),),
)

RULES = [
    FIRST_COURSE_DAYS,
    LATER_COURSE_DAYS,
    MONTHS_BETWEEN_COURSES,
    ADDITIONAL_COURSES,
    HOURS_WATCHED,
    STEROID_DAYS,
    ANTIVIRAL_MONTHS,
    CONTRACEPTION_MONTHS,
    VACCINATION_WEEKS_BEFORE,
    FOOD_SAFETY_WEEKS_BEFORE,
    FOOD_SAFETY_MONTHS,
    MONTHS_BETWEEN_TESTS,
    MONTHS_BETWEEN_THYROID_TESTS,
    MONITORING_MONTHS,
    CERVICAL_SCREENING_MONTHS,
]

SOURCES = list(dict.fromkeys(source for rule in RULES for source in rule.sources))

# Course 1 and course 2, and the extra courses the leaflet allows.
MAX_COURSES = 2 + ADDITIONAL_COURSES.number
