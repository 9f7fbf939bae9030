"""
A person's treatment plan: dated events from the first infusion to the end of monitoring, and where
today falls in it.

Everything is worked out from the course start dates the person gives and the rules in rules.py;
nothing is stored.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import rules

# How many dated events the top of the plan lists under "Coming next".
COMING_NEXT = 5
SUGGESTED = " (suggested)"
# One line on the page says this for a year of tests; each test in the calendar file says it too.
TESTS_DETAIL = (
    f"Blood and urine tests {rules.MONTHS_BETWEEN_TESTS.phrase}, and a thyroid blood test "
    f"{rules.MONTHS_BETWEEN_THYROID_TESTS.phrase} with them. Your MS team may give you a different day in the "
    "same month."
)


def add_months(day, months):
    """The same day of the month, `months` later; clamped to the month's end (31 January + 1 = 28/29 February)."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier, later):
    """Whole months from `earlier` to `later`, counted as add_months counts them."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if add_months(earlier, months) > later else months


def long_date(day):
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Event:
    """
    One dated item of the plan: a day, a span of days (`end` is the last day, inclusive), or a day that
    comes back every `every_months` months with no end.

    `role` names the item the same way in every plan ("course-2-infusion-1", "monthly-test-14",
    "course-2-vaccination-deadline"), whatever its date: it is the calendar file's UID and the page's
    anchor, so a calendar app replaces the item when the plan changes instead of adding a copy.
    """

    role: str
    kind: str
    start: date
    title: str
    detail: str
    rules: tuple = ()
    end: date | None = None
    every_months: int | None = None

    @property
    def last_day(self):
        """The last day it covers, or None when it repeats with no end."""
        return None if self.every_months else self.end or self.start

    def is_past(self, today):
        return self.last_day is not None and self.last_day < today

    def next_day(self, today):
        """The first day it falls on from today on, or None."""
        if not self.every_months:
            return self.start if self.start >= today else None
        repeats = max(0, months_between(self.start, today) // self.every_months)
        while (day := add_months(self.start, repeats * self.every_months)) < today:
            repeats += 1
        return day

    @property
    def links(self):
        """The pages that explain this event, once each: (url, title)."""
        return list(dict.fromkeys((rule.page_url, rule.page_title) for rule in self.rules))


@dataclass(frozen=True)
class TestsLine:
    """One year's monthly tests, shown as one line with their dates rather than a paragraph each."""

    tests: tuple
    kind = "tests"
    detail = TESTS_DETAIL

    @property
    def start(self):
        return self.tests[0].start

    @property
    def with_thyroid(self):
        return [test for test in self.tests if rules.MONTHS_BETWEEN_THYROID_TESTS in test.rules]

    @property
    def links(self):
        return list(dict.fromkeys(link for test in self.tests for link in test.links))


@dataclass(frozen=True)
class Course:
    number: int
    start: date
    days: int
    suggested: bool = False

    @property
    def infusion_days(self):
        return [self.start + timedelta(days=offset) for offset in range(self.days)]

    @property
    def last_infusion(self):
        return self.infusion_days[-1]


@dataclass(frozen=True)
class Today:
    """Where today falls in the plan: a few plain sentences, what is going on now and what comes next."""

    day: date
    where: list
    ongoing: list
    coming: list  # (day, event), soonest first


@dataclass(frozen=True)
class Timeline:
    """The plan's events by year: what is past (folded away on the page) and the rest."""

    past: list  # [(year, entries)]
    rest: list
    past_count: int


@dataclass
class Plan:
    courses: list
    events: list = field(default_factory=list)

    @property
    def first_infusion(self):
        return self.courses[0].start

    @property
    def last_infusion(self):
        return self.courses[-1].last_infusion

    @property
    def monitoring_ends(self):
        return add_months(self.last_infusion, rules.MONITORING_MONTHS.number)

    def today(self, today):
        ongoing = [event for event in self.events if event.end and event.start < today <= event.end]
        occurrences = [(day, event) for event in self.events if (day := event.next_day(today))]
        occurrences.sort(key=lambda occurrence: occurrence[0])
        return Today(today, self._where(today), ongoing, occurrences[:COMING_NEXT])

    def timeline(self, today):
        """The events by year, past and the rest apart; a year's monthly tests are one entry."""
        past = [event for event in self.events if event.is_past(today)]
        rest = [event for event in self.events if not event.is_past(today)]
        return Timeline(_by_year(past), _by_year(rest), len(past))

    def _where(self, today):
        begun = [course for course in self.courses if course.start <= today]
        if not begun:
            days = (self.first_infusion - today).days
            return [f"Course 1 starts in {days} day{'s' if days > 1 else ''}, on {long_date(self.first_infusion)}."]
        course = begun[-1]
        if course.suggested:
            where = [
                f"Course {course.number} was suggested for about {long_date(course.start)}. If you have had it, "
                "change the dates to add the day it started, so that your plan follows it."
            ]
        elif today <= course.last_infusion:
            day = (today - course.start).days + 1
            where = [f"Today is day {day} of course {course.number}: infusion {day} of {course.days}."]
        elif today <= self.monitoring_ends:
            month = months_between(course.last_infusion, today) + 1
            where = [f"You are in month {month} after course {course.number}."]
        else:
            where = []
        following = next((later for later in self.courses if later.start > today), None)
        if following and following.suggested:
            where.append(
                f"Course {following.number} is suggested for about {long_date(following.start)}. "
                "Your MS team will give you the date."
            )
        elif following:
            where.append(f"Course {following.number} starts on {long_date(following.start)}.")
        if today <= self.monitoring_ends:
            where.append(f"Your monthly tests go on until {long_date(self.monitoring_ends)}.")
        else:
            where.append(
                f"Your monitoring ended on {long_date(self.monitoring_ends)}. Women keep having a cervical "
                "screening test every year. Everyone keeps looking out for the warning signs."
            )
        return where


def _by_year(events):
    years = {}
    for event in events:
        years.setdefault(event.start.year, []).append(event)
    return [(year, _tests_in_one_line(year_events)) for year, year_events in years.items()]


def _tests_in_one_line(events):
    tests = tuple(event for event in events if event.kind == "tests")
    entries = []
    for event in events:
        if event.kind != "tests":
            entries.append(event)
        elif event is tests[0]:
            entries.append(TestsLine(tests))
    return entries


def build_plan(course_starts):
    """The plan for these course start dates (course 1 first). Course 2 is suggested when not given."""
    courses = [
        Course(
            number,
            start,
            rules.FIRST_COURSE_DAYS.number if number == 1 else rules.LATER_COURSE_DAYS.number,
        )
        for number, start in enumerate(course_starts, start=1)
    ]
    if len(courses) == 1:
        courses.append(
            Course(
                2,
                add_months(courses[0].start, rules.MONTHS_BETWEEN_COURSES.number),
                rules.LATER_COURSE_DAYS.number,
                suggested=True,
            )
        )
    plan = Plan(courses)
    for course in courses:
        plan.events += _course_events(course)
    plan.events += _test_events(plan)
    plan.events.sort(key=lambda event: (event.start, event.last_day or date.max))
    return plan


def _course_events(course):
    number, total = course.number, course.days
    suffix = SUGGESTED if course.suggested else ""
    days_rule = rules.FIRST_COURSE_DAYS if number == 1 else rules.LATER_COURSE_DAYS
    when_rules = (rules.MONTHS_BETWEEN_COURSES,) if number == 2 else (rules.ADDITIONAL_COURSES,) if number > 2 else ()
    vaccinate_by = course.start - timedelta(weeks=rules.VACCINATION_WEEKS_BEFORE.number)
    events = [
        Event(
            f"course-{number}-vaccination-deadline",
            "vaccination",
            vaccinate_by,
            f"Last day for vaccinations before course {number}{suffix}",
            f"Any vaccination you need must be given {rules.VACCINATION_WEEKS_BEFORE.phrase} a treatment course "
            f"starts: for course {number}, by this day. Your MS team will tell you which vaccinations you need.",
            (rules.VACCINATION_WEEKS_BEFORE,),
        )
    ]
    for index, day in enumerate(course.infusion_days, start=1):
        steroids = index <= rules.STEROID_DAYS.number
        detail = (
            "You have the drip in hospital; it takes about 4 hours. "
            + ("You have steroids just before it, to make a reaction less likely. " if steroids else "")
            + f"The team watches you for {rules.HOURS_WATCHED.phrase} afterwards."
        )
        if course.suggested and index == 1:
            detail = (
                f"Course {number} is usually given {rules.MONTHS_BETWEEN_COURSES.number} months after course "
                f"{number - 1}. This date is suggested: your MS team will give you the real one, and the plan "
                "assumes the course starts on this day. " + detail
            )
        events.append(
            Event(
                f"course-{number}-infusion-{index}",
                "infusion",
                day,
                f"Course {number}, infusion {index} of {total}{suffix}",
                detail,
                (days_rule, *(when_rules if index == 1 else ()), rules.HOURS_WATCHED)
                + ((rules.STEROID_DAYS,) if steroids else ()),
            )
        )
    last = course.last_infusion
    antiviral_until = add_months(last, rules.ANTIVIRAL_MONTHS.number)
    food_from = course.start - timedelta(weeks=rules.FOOD_SAFETY_WEEKS_BEFORE.number)
    food_until = add_months(last, rules.FOOD_SAFETY_MONTHS.number)
    contraception_until = add_months(last, rules.CONTRACEPTION_MONTHS.number)
    events += [
        Event(
            f"course-{number}-antiviral",
            "antiviral",
            course.start,
            f"Antiviral tablets, from course {number} until at least {long_date(antiviral_until)}{suffix}",
            "Take the antiviral tablets your team gives you, from the first infusion day until "
            f"{rules.ANTIVIRAL_MONTHS.phrase} after the last one. They help prevent herpes infections "
            "such as cold sores and shingles.",
            (rules.ANTIVIRAL_MONTHS,),
            end=antiviral_until,
        ),
        Event(
            f"course-{number}-food-safety",
            "food-safety",
            food_from,
            f"Food safety for course {number}, until at least {long_date(food_until)}{suffix}",
            "Avoid foods that can carry listeria, such as soft cheeses, unpasteurised milk and meat that is "
            f"not cooked through, from {rules.FOOD_SAFETY_WEEKS_BEFORE.phrase} the course until "
            f"{rules.FOOD_SAFETY_MONTHS.phrase} after it.",
            (rules.FOOD_SAFETY_WEEKS_BEFORE, rules.FOOD_SAFETY_MONTHS),
            end=food_until,
        ),
        Event(
            f"course-{number}-contraception",
            "contraception",
            course.start,
            f"Contraception, from course {number} until at least {long_date(contraception_until)}{suffix}",
            "If you could become pregnant, use effective contraception during the course and for "
            f"{rules.CONTRACEPTION_MONTHS.phrase} it. Talk to your MS team before planning a pregnancy.",
            (rules.CONTRACEPTION_MONTHS,),
            end=contraception_until,
        ),
    ]
    return events


def _test_events(plan):
    """Monthly blood and urine tests until monitoring ends, a thyroid test every 3 months, yearly screening."""
    events = []
    thyroid_every = rules.MONTHS_BETWEEN_THYROID_TESTS.number
    months = rules.MONTHS_BETWEEN_TESTS.number
    number = 1
    while (day := add_months(plan.first_infusion, months)) <= plan.monitoring_ends:
        thyroid = months % thyroid_every == 0
        events.append(
            Event(
                f"monthly-test-{number}",
                "tests",
                day,
                "Blood and urine tests" + (", and a thyroid blood test" if thyroid else ""),
                TESTS_DETAIL,
                (rules.MONTHS_BETWEEN_TESTS, *((rules.MONTHS_BETWEEN_THYROID_TESTS,) if thyroid else ())),
            )
        )
        months += rules.MONTHS_BETWEEN_TESTS.number
        number += 1
    events.append(
        Event(
            "cervical-screening",
            "cervical-screening",
            add_months(plan.first_infusion, rules.CERVICAL_SCREENING_MONTHS.number),
            "Cervical screening test, for women, every year",
            f"Women are advised to have a {rules.CERVICAL_SCREENING_MONTHS.phrase} after Lemtrada. The leaflet "
            "gives no end to it, so it goes on after your monitoring ends. Ask your GP surgery or MS team to "
            "book it.",
            (rules.CERVICAL_SCREENING_MONTHS,),
            every_months=rules.CERVICAL_SCREENING_MONTHS.number,
        )
    )
    events.append(
        Event(
            "monitoring-ends",
            "monitoring-ends",
            plan.monitoring_ends,
            "Monitoring ends, if you have no further course",
            f"This is {rules.MONITORING_MONTHS.phrase} after your last infusion. If you have another course, "
            f"the {rules.MONITORING_MONTHS.phrase} start again from it. Ask your MS team before you stop any "
            "tests: side effects can still start later, so keep looking out for the warning signs.",
            (rules.MONITORING_MONTHS,),
        )
    )
    return events
