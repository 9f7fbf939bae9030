"""
The planner's form: course start dates as day, month and year fields, as the NHS design system does.

It is a GET form: the dates travel in the plan's own address and are never stored.
"""

import calendar
import re
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.utils import timezone

from lemtrada_site.medicine import FIRST_TREATMENT_YEAR

from . import rules
from .plan import add_months, long_date

MAX_COURSES = rules.MAX_COURSES
YEARS_AHEAD = 2
# Keeps a mistyped year from making a plan of centuries.
MAX_YEARS_BETWEEN_COURSES = 10
PARTS = ("day", "month", "year")
# A date given for a course beyond the last one the leaflet allows is shown back with an error, at most
# this many of them (an address can name any number).
MAX_COURSES_REFUSED = 4
COURSE_PART = re.compile(r"course([1-9][0-9]{0,2})_(?:day|month|year)")


TOO_MANY_COURSES = (
    f"Lemtrada is given in {MAX_COURSES} courses at most: course 1, course 2 and "
    f"{rules.ADDITIONAL_COURSES.phrase}, so your plan can't include this one. Please check your dates, and "
    "ask your MS team about any further treatment."
)


class DateParts(forms.MultiWidget):
    template_name = "planner/date_parts.html"
    labels = {"day": "Day", "month": "Month", "year": "Year"}

    def __init__(self):
        numeric = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        super().__init__(
            widgets={
                "day": forms.TextInput(attrs={**numeric, "class": "date-day", "maxlength": 2}),
                "month": forms.TextInput(attrs={**numeric, "class": "date-month", "maxlength": 2}),
                "year": forms.TextInput(attrs={**numeric, "class": "date-year", "maxlength": 4}),
            }
        )

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id")
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = self.labels[part]
            if base_id:
                subwidget["attrs"]["id"] = f"{base_id}_{part}"
        return context

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_


class DateField(forms.MultiValueField):
    """A date typed as day, month and year; each mistake gets its own plain-English message."""

    widget = DateParts

    def __init__(self, **kwargs):
        parts = [forms.CharField(required=False, strip=True) for _ in PARTS]
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        values = dict(zip(PARTS, data_list or ["", "", ""], strict=True))
        if not any(values.values()):
            return None
        missing = [part for part in PARTS if not values[part]]
        if missing:
            raise forms.ValidationError(f"The date must include a {' and a '.join(missing)}.", code="incomplete")
        # Digits of any script that int() reads (٢٠٢٧, ２０２７); not superscripts or circled numbers (², ①),
        # which isdigit() accepts and int() refuses.
        if not all(value.isdecimal() for value in values.values()):
            raise forms.ValidationError("Please use numbers only, for example 31 1 2027.", code="not_numbers")
        if len(values["year"]) != 4:
            raise forms.ValidationError("Please enter the year in full, for example 2027.", code="short_year")
        if len(values["month"]) > 2:
            raise forms.ValidationError("The month must be a number from 1 to 12.", code="bad_month")
        if len(values["day"]) > 2:
            raise forms.ValidationError("The day must be a number from 1 to 31.", code="bad_day")
        day, month, year = (int(values[part]) for part in PARTS)
        if not 1 <= month <= 12:
            raise forms.ValidationError("The month must be a number from 1 to 12.", code="bad_month")
        if year < FIRST_TREATMENT_YEAR:
            raise forms.ValidationError(
                f"Lemtrada was first given in {FIRST_TREATMENT_YEAR}, so the date can't be before then. "
                "Please check the year.",
                code="too_early",
            )
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            raise forms.ValidationError(
                f"{day} {calendar.month_name[month]} is not a real date: {calendar.month_name[month]} {year} "
                f"has {days_in_month} days. Please check the day and the month.",
                code="impossible",
            )
        return date(year, month, day)


class PlanForm(forms.Form):
    """Course 1 is required; course 2 and any extra courses are the dates they actually started."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = self._courses_beyond_the_limit()
        for number in [*range(1, MAX_COURSES + 1), *self.refused]:
            self.fields[f"course{number}"] = DateField(
                required=number == 1,
                label=self._label(number),
                help_text=self._hint(number),
                error_messages={"required": "Please enter the date of the first infusion of course 1."},
            )
        self.today = timezone.localdate()

    def _courses_beyond_the_limit(self):
        """The course numbers past the last one allowed that the address gives a date for, to refuse them kindly."""
        numbers = {
            int(match.group(1))
            for key in self.data
            if (match := COURSE_PART.fullmatch(key)) and (self.data.get(key) or "").strip()
        }
        return sorted(number for number in numbers if number > MAX_COURSES)[:MAX_COURSES_REFUSED]

    @staticmethod
    def _label(number):
        if number == 1:
            return "Course 1: the day of your first infusion"
        if number == 2:
            return "Course 2: the day it started (optional)"
        if number > MAX_COURSES:
            return f"Course {number}: the day it started"
        return f"Extra course {number - 2} (course {number}): the day it started (optional)"

    @staticmethod
    def _hint(number):
        if number == 1:
            return "It can be in the past or in the future. For example, 31 1 2027."
        if number == 2:
            return (
                f"Leave it empty if you have not had it yet: we suggest a date "
                f"{rules.MONTHS_BETWEEN_COURSES.number} months after course 1."
            )
        return "Only if you have had one."

    def course_fields(self):
        """Course 1 and 2, every extra course filled in, one empty one to add the next, and any course refused."""
        filled = [number for number in range(1, MAX_COURSES + 1) if any(self._raw(number, part) for part in PARTS)]
        shown = min(MAX_COURSES, max(3, (max(filled) if filled else 0) + 1))
        return [self[f"course{number}"] for number in [*range(1, shown + 1), *self.refused]]

    def _raw(self, number, part):
        return (self.data.get(f"course{number}_{part}") or "").strip() if self.is_bound else ""

    def clean(self):
        cleaned = super().clean()
        latest = add_months(self.today, 12 * YEARS_AHEAD)
        first = cleaned.get("course1")
        if first and first > latest:
            self.add_error(
                "course1",
                forms.ValidationError(
                    f"This is more than {YEARS_AHEAD} years from today. "
                    f"Please enter a date up to {long_date(latest)}.",
                    code="too_far_ahead",
                ),
            )
        # What the course before looked like: a date, "empty", or "invalid" (its own error is shown).
        previous = "invalid" if "course1" in self.errors else first
        for number in range(2, MAX_COURSES + 1):
            name = f"course{number}"
            start = cleaned.get(name)
            if name in self.errors:
                previous = "invalid"
                continue
            if start is None:
                previous = "empty"
                continue
            if previous == "empty":
                self.add_error(name, f"Please enter course {number - 1} before course {number}.")
            elif previous != "invalid" and start < add_months(previous, rules.MONTHS_BETWEEN_COURSES.number):
                earliest = add_months(previous, rules.MONTHS_BETWEEN_COURSES.number)
                self.add_error(
                    name,
                    forms.ValidationError(
                        f"Course {number} is given at least {rules.MONTHS_BETWEEN_COURSES.number} months after "
                        f"course {number - 1} started, so on or after {long_date(earliest)}. Please check both dates.",
                        code="too_soon",
                    ),
                )
            elif previous != "invalid" and start > add_months(previous, 12 * MAX_YEARS_BETWEEN_COURSES):
                self.add_error(
                    name,
                    forms.ValidationError(
                        f"This is more than {MAX_YEARS_BETWEEN_COURSES} years after course {number - 1}. "
                        "Please check the year.",
                        code="too_far_apart",
                    ),
                )
            previous = start if name not in self.errors else "invalid"
        for number in self.refused:
            self.add_error(f"course{number}", forms.ValidationError(TOO_MANY_COURSES, code="too_many_courses"))
        return cleaned

    def course_starts(self):
        """The valid form's course start dates, course 1 first."""
        starts = []
        for number in range(1, MAX_COURSES + 1):
            start = self.cleaned_data.get(f"course{number}")
            if start is None:
                break
            starts.append(start)
        return starts

    def query(self):
        """The valid form's dates as the plan's address query: the only place they are kept."""
        params = {}
        for number, start in enumerate(self.course_starts(), start=1):
            for part in PARTS:
                params[f"course{number}_{part}"] = getattr(start, part)
        return urlencode(params)
