"""The plan's dates: course 2 a year on, monthly tests on real dates, monitoring 48 months after the last infusion."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from plan_dates import plan_url

from planner.plan import add_months

pytestmark = pytest.mark.django_db


def timeline(client, *starts):
    """The plan's dated items as a person reads them: {anchor: first day}, and the page."""
    response = client.get(plan_url(*starts))
    assert response.status_code == 200
    html = response.content.decode()
    items = re.findall(r'<time id="([a-z0-9-]+)" datetime="([\d-]+)">', html)
    return {role: date.fromisoformat(day) for role, day in items}, html


def days_of(items, prefix):
    return sorted(day for role, day in items.items() if role.startswith(prefix))


def titles(html):
    return [unescape(title) for title in re.findall(r'<p class="plan-title">(.*?)</p>', html)]


def test_adding_months_keeps_the_day_or_clamps_it_to_the_end_of_a_shorter_month():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # a leap year
    assert add_months(date(2027, 1, 31), 3) == date(2027, 4, 30)
    assert add_months(date(2027, 1, 31), 2) == date(2027, 3, 31)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2027, 2, 2), 48) == date(2031, 2, 2)


def test_a_first_infusion_on_31_january_2027_suggests_course_2_for_late_january_2028(client):
    items, html = timeline(client, (31, 1, 2027))

    assert days_of(items, "course-1-infusion-") == [date(2027, 1, 31), *(date(2027, 2, d) for d in (1, 2, 3, 4))]
    assert days_of(items, "course-2-infusion-") == [date(2028, 1, 31), date(2028, 2, 1), date(2028, 2, 2)]
    assert "Course 2, infusion 1 of 3 (suggested)" in titles(html)
    assert "Course 2 is usually given 12 months after course 1. This date is suggested" in html
    assert "Course 2: 3 infusions from 31 January 2028 (suggested" in html


def test_monthly_tests_fall_on_a_real_date_every_month_from_a_month_end_start(client):
    items, _ = timeline(client, (31, 1, 2027))
    tests = [items[f"monthly-test-{number}"] for number in range(1, 15)]

    assert tests == [
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
        date(2027, 6, 30),
        date(2027, 7, 31),
        date(2027, 8, 31),
        date(2027, 9, 30),
        date(2027, 10, 31),
        date(2027, 11, 30),
        date(2027, 12, 31),
        date(2028, 1, 31),
        date(2028, 2, 29),  # a leap year
        date(2028, 3, 31),
    ]
    every_test = days_of(items, "monthly-test-")
    months = [(day.year, day.month) for day in every_test]
    assert len(set(months)) == len(months), "one test a month"
    assert all(add_months(date(2027, 1, 31), i + 1) == day for i, day in enumerate(every_test))


def test_a_thyroid_test_comes_with_every_third_monthly_test(client):
    _, html = timeline(client, (31, 1, 2027))
    thyroid = re.findall(r"With a thyroid blood test: (.*?)</p>", html)

    assert re.findall(r'datetime="([\d-]+)"', thyroid[0]) == ["2027-04-30", "2027-07-31", "2027-10-31"]
    assert re.findall(r'datetime="([\d-]+)"', thyroid[1])[:2] == ["2028-01-31", "2028-04-30"]


def test_a_year_of_monthly_tests_is_one_line_with_its_dates(client):
    items, html = timeline(client, (31, 1, 2027))
    lines = re.findall(r'<li class="plan-event plan-event-tests">(.*?)</li>', html, re.S)

    years = {day.year for day in days_of(items, "monthly-test-")}
    assert len(lines) <= len(years) + 1, "one line a year (two where today splits a year)"
    assert sum(line.count("<time id=") for line in lines) == len(days_of(items, "monthly-test-")) == 60
    assert html.count("Your MS team may give you a different day in the same month.") == len(lines)


def test_monitoring_ends_48_months_after_the_last_infusion_of_course_2(client):
    items, html = timeline(client, (31, 1, 2027))

    # Course 2's last infusion is 2 February 2028.
    assert items["monitoring-ends"] == date(2032, 2, 2)
    assert days_of(items, "monthly-test-")[-1] == date(2032, 1, 31)
    assert "to the end of your monitoring on 2 February 2032" in html


def test_an_actual_course_2_date_replaces_the_suggestion(client):
    items, html = timeline(client, (31, 1, 2027), (14, 2, 2028))

    assert "suggested" not in html
    assert days_of(items, "course-2-infusion-") == [date(2028, 2, 14), date(2028, 2, 15), date(2028, 2, 16)]
    assert items["monitoring-ends"] == date(2032, 2, 16)


def test_adding_course_3_moves_the_end_of_monitoring_to_48_months_after_it(client):
    items, html = timeline(client, (31, 1, 2027), (31, 1, 2028), (29, 2, 2032))

    assert days_of(items, "course-3-infusion-") == [date(2032, 2, 29), date(2032, 3, 1), date(2032, 3, 2)]
    assert items["monitoring-ends"] == date(2036, 3, 2)
    tests = days_of(items, "monthly-test-")
    assert tests[-1] == date(2036, 2, 29)  # still on the first infusion's day of the month, clamped
    assert date(2032, 1, 31) in tests and date(2033, 1, 31) in tests, "the tests go on without a gap"
    assert "to the end of your monitoring on 2 March 2036" in html


def test_four_courses_make_a_plan_and_monitoring_ends_48_months_after_the_fourth(client):
    items, html = timeline(client, (31, 1, 2027), (31, 1, 2028), (1, 3, 2029), (1, 3, 2030))

    assert days_of(items, "course-4-infusion-") == [date(2030, 3, 1), date(2030, 3, 2), date(2030, 3, 3)]
    assert items["monitoring-ends"] == date(2034, 3, 3)
    assert "Course 4: 3 infusions from 1 March 2030" in html


def test_the_vaccination_deadline_is_6_weeks_before_each_course(client):
    items, html = timeline(client, (31, 1, 2027), (31, 1, 2028), (1, 3, 2029))

    for number, start in ((1, date(2027, 1, 31)), (2, date(2028, 1, 31)), (3, date(2029, 3, 1))):
        assert items[f"course-{number}-vaccination-deadline"] == start - timedelta(weeks=6)
        assert f"Last day for vaccinations before course {number}" in titles(html)
    assert "Any vaccination you need must be given at least 6 weeks before a treatment course starts" in html


def test_precautions_last_their_set_time_after_each_course(client):
    response = client.get(plan_url((31, 1, 2027), (31, 1, 2028)))
    html = response.content.decode()

    # Course 1 ends on 4 February 2027, course 2 on 2 February 2028.
    assert "Antiviral tablets, from course 1 until at least 4 March 2027" in html
    assert re.search(
        r'<time id="course-1-food-safety" datetime="2027-01-17">[^<]*</time> to <time datetime="2027-03-04">.*?'
        r"Food safety for course 1, until at least 4 March 2027",
        html,
        re.S,
    ), "from 2 weeks before the course until a month after it"
    assert "Contraception, from course 1 until at least 4 June 2027" in html
    assert "Antiviral tablets, from course 2 until at least 2 March 2028" in html
    assert "Contraception, from course 2 until at least 2 June 2028" in html


def test_cervical_screening_is_yearly_from_12_months_on_and_does_not_stop_when_monitoring_ends(client):
    items, html = timeline(client, (31, 1, 2027))

    assert days_of(items, "cervical-screening") == [date(2028, 1, 31)]
    assert titles(html).count("Cervical screening test, for women, every year") == 1
    assert re.search(r'<time id="cervical-screening"[^>]*>[^<]*</time>, then every year on this date', html)
    assert "it goes on after your monitoring ends" in html


def test_steroids_are_given_on_the_first_3_infusion_days_of_each_course(client):
    html = client.get(plan_url((31, 1, 2027))).content.decode()
    infusions = re.findall(r'<li class="plan-event plan-event-infusion">(.*?)</li>', html, re.S)

    with_steroids = [("steroids" in item) for item in infusions]
    assert with_steroids == [True, True, True, False, False, True, True, True]
    assert all("at least 2 hours" in item for item in infusions)
