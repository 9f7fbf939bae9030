"""A mistake in the planner's form gets a kind message next to its date, and everything typed is kept."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from plan_dates import calendar_url, plan_url

from planner.plan import add_months

pytestmark = pytest.mark.django_db


def errors_by_course(html):
    """The error shown inside each date's fieldset: {"course1": "message", ...}."""
    found = {}
    for name, body in re.findall(r'<fieldset[^>]*id="field-(course\d)"[^>]*>(.*?)</fieldset>', html, re.S):
        if match := re.search(r'<p class="error-message"[^>]*>.*?</span>\s*(.*?)</p>', body, re.S):
            found[name] = match.group(1).replace("&#x27;", "'")
    return found


def typed_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def submit(client, *starts):
    response = client.get(plan_url(*starts))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html, "the form came back with its errors"
    assert "Your timeline" not in html, "no plan is made from a date in error"
    return html


def test_31_february_is_not_a_real_date_and_the_other_dates_are_kept(client):
    html = submit(client, (31, 2, 2027), (3, 3, 2028))

    assert errors_by_course(html) == {
        "course1": "31 February is not a real date: February 2027 has 28 days. Please check the day and the month."
    }
    assert [typed_value(html, f"course1_{part}") for part in ("day", "month", "year")] == ["31", "2", "2027"]
    assert [typed_value(html, f"course2_{part}") for part in ("day", "month", "year")] == ["3", "3", "2028"]


def test_29_february_is_a_real_date_only_in_a_leap_year(client):
    html = submit(client, (29, 2, 2027))
    assert "February 2027 has 28 days" in errors_by_course(html)["course1"]

    assert client.get(plan_url((29, 2, 2028))).content.decode().count("There is a problem") == 0


def test_a_date_before_2013_is_refused_kindly(client):
    html = submit(client, (1, 6, 2012))

    assert errors_by_course(html) == {
        "course1": "Lemtrada was first given in 2013, so the date can't be before then. Please check the year."
    }


def test_course_2_less_than_12_months_after_course_1_is_refused(client):
    html = submit(client, (31, 1, 2027), (30, 1, 2028))

    assert errors_by_course(html) == {
        "course2": "Course 2 is given at least 12 months after course 1 started, so on or after "
        "31 January 2028. Please check both dates."
    }
    assert typed_value(html, "course1_day") == "31" and typed_value(html, "course2_day") == "30"


def test_an_extra_course_less_than_12_months_after_course_2_is_refused(client):
    html = submit(client, (10, 5, 2020), (12, 5, 2021), (1, 1, 2022))

    assert errors_by_course(html) == {
        "course3": "Course 3 is given at least 12 months after course 2 started, so on or after "
        "12 May 2022. Please check both dates."
    }


def test_a_first_infusion_more_than_2_years_ahead_is_refused(client):
    too_far = add_months(timezone.localdate(), 24) + timedelta(days=1)
    html = submit(client, (too_far.day, too_far.month, too_far.year))

    latest = add_months(timezone.localdate(), 24)
    assert errors_by_course(html) == {
        "course1": f"This is more than 2 years from today. Please enter a date up to {latest.day} {latest:%B %Y}."
    }


def test_a_first_infusion_exactly_2_years_ahead_makes_a_plan(client):
    latest = add_months(timezone.localdate(), 24)

    html = client.get(plan_url((latest.day, latest.month, latest.year))).content.decode()

    assert "Your timeline" in html


def test_a_missing_first_date_is_asked_for(client):
    html = submit(client)

    assert errors_by_course(html) == {"course1": "Please enter the date of the first infusion of course 1."}


@pytest.mark.parametrize(
    "typed, message",
    [
        (("", "1", "2027"), "The date must include a day."),
        (("31", "", ""), "The date must include a month and a year."),
        (("31", "Jan", "2027"), "Please use numbers only, for example 31 1 2027."),
        (("31", "1", "27"), "Please enter the year in full, for example 2027."),
        (("1", "13", "2027"), "The month must be a number from 1 to 12."),
        (
            ("0", "1", "2027"),
            "0 January is not a real date: January 2027 has 31 days. Please check the day and the month.",
        ),
    ],
)
def test_each_kind_of_mistake_in_a_date_has_its_own_message(client, typed, message):
    html = submit(client, typed)

    assert errors_by_course(html) == {"course1": message}


def test_course_4_less_than_12_months_after_course_3_is_refused(client):
    html = submit(client, (10, 5, 2020), (12, 5, 2021), (12, 5, 2022), (1, 5, 2023))

    assert errors_by_course(html) == {
        "course4": "Course 4 is given at least 12 months after course 3 started, so on or after "
        "12 May 2023. Please check both dates."
    }


def test_four_courses_make_a_plan_and_a_fifth_is_refused_with_its_date_kept(client):
    four = [(10, 5, 2020), (12, 5, 2021), (12, 5, 2022), (15, 5, 2023)]
    assert "Your timeline" in client.get(plan_url(*four)).content.decode()

    html = submit(client, *four, (20, 5, 2024))

    assert errors_by_course(html) == {
        "course5": "Lemtrada is given in 4 courses at most: course 1, course 2 and one or two extra courses, so "
        "your plan can't include this one. Please check your dates, and ask your MS team about any further "
        "treatment."
    }
    assert [typed_value(html, f"course5_{part}") for part in ("day", "month", "year")] == ["20", "5", "2024"]
    assert [typed_value(html, f"course4_{part}") for part in ("day", "month", "year")] == ["15", "5", "2023"]
    assert 'href="#id_course5_day"' in html, "the error summary links to it"


def test_a_calendar_file_with_a_fifth_course_is_refused(client):
    four = [(10, 5, 2020), (12, 5, 2021), (12, 5, 2022), (15, 5, 2023)]

    response = client.get(calendar_url(*four, (20, 5, 2024)))

    assert response.status_code == 400
    assert "Lemtrada is given in 4 courses at most" in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    [("²", "1", "2027"), ("1", "①", "2027"), ("1", "1", "²⁰²⁶"), ("3", "1", "2O27"), ("٣", "¹", "2027")],
    ids=["superscript day", "circled month", "superscript year", "letter O", "mixed scripts"],
)
def test_digits_that_are_not_plain_numbers_get_the_kind_error_not_a_server_error(client, typed):
    html = submit(client, typed)

    assert errors_by_course(html) == {"course1": "Please use numbers only, for example 31 1 2027."}
    assert [typed_value(html, f"course1_{part}") for part in ("day", "month", "year")] == list(typed)


def test_digits_typed_on_another_script_s_keyboard_are_read_as_numbers(client):
    html = client.get(plan_url(("３１", "１", "２０２７"))).content.decode()

    assert "From your first infusion on 31 January 2027" in html


@pytest.mark.parametrize(
    "typed, message",
    [
        (("1" * 5000, "1", "2027"), "The day must be a number from 1 to 31."),
        (("1", "0" * 5000 + "1", "2027"), "The month must be a number from 1 to 12."),
        (("1", "1", "2" * 5000), "Please enter the year in full, for example 2027."),
    ],
    ids=["day", "month", "year"],
)
def test_a_number_too_long_to_be_a_date_gets_a_kind_error(client, typed, message):
    html = submit(client, typed)

    assert errors_by_course(html) == {"course1": message}


def test_an_extra_course_without_course_2_asks_for_course_2_first(client):
    html = submit(client, (31, 1, 2020), None, (1, 3, 2022))

    assert errors_by_course(html) == {"course3": "Please enter course 2 before course 3."}


def test_the_error_summary_links_to_the_first_box_of_each_date_in_error(client):
    html = submit(client, (31, 2, 2027), (1, 1, 2012))

    links = re.findall(r'<div class="error-summary".*?</div>', html, re.S)[0]
    assert 'href="#id_course1_day"' in links and 'href="#id_course2_day"' in links
    assert 'id="id_course1_day"' in html
    assert re.search(r'<input[^>]*name="course1_day"[^>]*aria-invalid="true"', html)
