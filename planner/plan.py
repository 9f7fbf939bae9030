"""
A person's treatment plan: dated events from the first infusion to the end of monitoring.

Everything is worked out from the course start dates the person gives and the rules in rules.py;
nothing is stored.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import rules


def add_months(day, months):
    """The same day of the month, `months` later; clamped to the month's end (31 January + 1 = 28/29 February)."""
    year, month_index = divmod(day.month - 1 + months, 12)
    year += day.year
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Event:
    """One dated item of the plan: a day, or a span of days (`end` is the last day, inclusive)."""

    kind: str
    start: date
    title: str
    detail: str
    rules: tuple = ()
    end: date | None = None

    @property
    def last_day(self):
        return self.end or self.start

    @property
    def links(self):
        """The pages that explain this event, once each: (url, title)."""
        return list(dict.fromkeys((rule.page_url, rule.page_title) for rule in self.rules))


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

    @property
    def second_course_suggested(self):
        return any(course.suggested for course in self.courses)

    def events_by_year(self):
        years = {}
        for event in self.events:
            years.setdefault(event.start.year, []).append(event)
        return list(years.items())


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
    plan.events.sort(key=lambda event: (event.start, event.last_day))
    return plan


def _course_events(course):
    total = course.days
    events = []
    if course.suggested:
        events.append(
            Event(
                "course-suggested",
                course.start,
                f"Course {course.number} is usually about now",
                f"Course {course.number} is usually given {rules.MONTHS_BETWEEN_COURSES.number} months after "
                f"course {course.number - 1}. Your MS team will give you the date. The dates below assume it "
                "starts on this day.",
                (rules.MONTHS_BETWEEN_COURSES,),
            )
        )
    for index, day in enumerate(course.infusion_days, start=1):
        steroids = index <= rules.STEROID_DAYS.number
        detail = (
            "You have the drip in hospital; it takes about 4 hours. "
            + ("You have steroids just before it, to make a reaction less likely. " if steroids else "")
            + f"The team watches you for {rules.HOURS_WATCHED.phrase} afterwards."
        )
        events.append(
            Event(
                "infusion",
                day,
                f"Course {course.number}, infusion {index} of {total}" + (" (planned)" if course.suggested else ""),
                detail,
                (
                    rules.FIRST_COURSE_DAYS if course.number == 1 else rules.LATER_COURSE_DAYS,
                    rules.HOURS_WATCHED,
                    *((rules.STEROID_DAYS,) if steroids else ()),
                ),
            )
        )
    last = course.last_infusion
    antiviral_until = add_months(last, rules.ANTIVIRAL_MONTHS.number)
    events.append(
        Event(
            "antiviral",
            course.start,
            f"Antiviral tablets, from course {course.number} until at least {_day(antiviral_until)}",
            "Take the antiviral tablets your team gives you, from the first infusion day until "
            f"{rules.ANTIVIRAL_MONTHS.phrase} after the last one. They help prevent herpes infections "
            "such as cold sores and shingles.",
            (rules.ANTIVIRAL_MONTHS,),
            end=antiviral_until,
        )
    )
    food_from = course.start - timedelta(weeks=rules.FOOD_SAFETY_WEEKS_BEFORE.number)
    food_until = add_months(last, rules.FOOD_SAFETY_MONTHS.number)
    events.append(
        Event(
            "food-safety",
            food_from,
            f"Food safety for course {course.number}, until at least {_day(food_until)}",
            "Avoid foods that can carry listeria, such as soft cheeses, unpasteurised milk and meat that is "
            f"not cooked through, from {rules.FOOD_SAFETY_WEEKS_BEFORE.phrase} the course until "
            f"{rules.FOOD_SAFETY_MONTHS.phrase} after it.",
            (rules.FOOD_SAFETY_WEEKS_BEFORE, rules.FOOD_SAFETY_MONTHS),
            end=food_until,
        )
    )
    contraception_until = add_months(last, rules.CONTRACEPTION_MONTHS.number)
    events.append(
        Event(
            "contraception",
            course.start,
            f"Contraception, from course {course.number} until at least {_day(contraception_until)}",
            "If you could become pregnant, use effective contraception during the course and for "
            f"{rules.CONTRACEPTION_MONTHS.phrase} it. Talk to your MS team before planning a pregnancy.",
            (rules.CONTRACEPTION_MONTHS,),
            end=contraception_until,
        )
    )
    return events


def _test_events(plan):
    """Monthly blood and urine tests, a thyroid test every 3 months, until monitoring ends."""
    events = []
    thyroid_every = rules.MONTHS_BETWEEN_THYROID_TESTS.number
    months = rules.MONTHS_BETWEEN_TESTS.number
    while (day := add_months(plan.first_infusion, months)) <= plan.monitoring_ends:
        thyroid = months % thyroid_every == 0
        thyroid_words = f", with the thyroid blood test you have {rules.MONTHS_BETWEEN_THYROID_TESTS.phrase}"
        events.append(
            Event(
                "tests",
                day,
                "Blood and urine tests" + (", and a thyroid blood test" if thyroid else ""),
                "Your monthly blood and urine tests"
                + (thyroid_words if thyroid else "")
                + ". Your MS team may give you a different day in the same month.",
                (rules.MONTHS_BETWEEN_TESTS, *((rules.MONTHS_BETWEEN_THYROID_TESTS,) if thyroid else ())),
            )
        )
        months += rules.MONTHS_BETWEEN_TESTS.number
    screening_months = rules.CERVICAL_SCREENING_MONTHS.number
    while (day := add_months(plan.first_infusion, screening_months)) <= plan.monitoring_ends:
        events.append(
            Event(
                "cervical-screening",
                day,
                "Cervical screening test, for women",
                f"Women are advised to have a {rules.CERVICAL_SCREENING_MONTHS.phrase} after Lemtrada. "
                "Ask your GP surgery or MS team to book it.",
                (rules.CERVICAL_SCREENING_MONTHS,),
            )
        )
        screening_months += rules.CERVICAL_SCREENING_MONTHS.number
    events.append(
        Event(
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


def _day(day):
    return f"{day.day} {day:%B %Y}"
