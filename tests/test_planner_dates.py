"""The plan's dates: course 2 a year on, monthly tests on real dates, monitoring 48 months after the last infusion."""

import re
from datetime import date

import pytest
from plan_dates import plan_url

from planner.plan import add_months

pytestmark = pytest.mark.django_db


def timeline(client, *starts):
    """The plan's timeline as a person reads it: (first day, title) per item."""
    response = client.get(plan_url(*starts))
    assert response.status_code == 200
    html = response.content.decode()
    items = re.findall(
        r'<li class="plan-event[^"]*">\s*<p class="plan-date"><time datetime="([\d-]+)">.*?'
        r'<p class="plan-title">(.*?)</p>',
        html,
        re.S,
    )
    return [(date.fromisoformat(day), title) for day, title in items], html


def days_titled(items, text):
    return [day for day, title in items if text in title]


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

    assert days_titled(items, "Course 2 is usually about now") == [date(2028, 1, 31)]
    assert days_titled(items, "Course 1, infusion") == [date(2027, 1, 31), *(date(2027, 2, d) for d in (1, 2, 3, 4))]
    assert days_titled(items, "Course 2, infusion") == [date(2028, 1, 31), date(2028, 2, 1), date(2028, 2, 2)]
    assert "Course 2: 3 infusions from 31 January 2028 (suggested" in html


def test_monthly_tests_fall_on_a_real_date_every_month_from_a_month_end_start(client):
    items, _ = timeline(client, (31, 1, 2027))
    tests = days_titled(items, "Blood and urine tests")

    assert tests[:14] == [
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
    months = [(day.year, day.month) for day in tests]
    assert len(set(months)) == len(months), "one test a month"
    assert all(add_months(date(2027, 1, 31), i + 1) == day for i, day in enumerate(tests))


def test_a_thyroid_test_comes_with_every_third_monthly_test(client):
    items, _ = timeline(client, (31, 1, 2027))

    assert days_titled(items, "thyroid")[:4] == [
        date(2027, 4, 30),
        date(2027, 7, 31),
        date(2027, 10, 31),
        date(2028, 1, 31),
    ]


def test_monitoring_ends_48_months_after_the_last_infusion_of_course_2(client):
    items, html = timeline(client, (31, 1, 2027))

    # Course 2's last infusion is 2 February 2028.
    assert days_titled(items, "Monitoring ends") == [date(2032, 2, 2)]
    assert days_titled(items, "Blood and urine tests")[-1] == date(2032, 1, 31)
    assert "to the end of your monitoring on 2 February 2032" in html


def test_an_actual_course_2_date_replaces_the_suggestion(client):
    items, html = timeline(client, (31, 1, 2027), (14, 2, 2028))

    assert not days_titled(items, "usually about now")
    assert "suggested" not in html
    assert days_titled(items, "Course 2, infusion") == [date(2028, 2, 14), date(2028, 2, 15), date(2028, 2, 16)]
    assert days_titled(items, "Monitoring ends") == [date(2032, 2, 16)]


def test_adding_course_3_moves_the_end_of_monitoring_to_48_months_after_it(client):
    items, html = timeline(client, (31, 1, 2027), (31, 1, 2028), (29, 2, 2032))

    assert days_titled(items, "Course 3, infusion") == [date(2032, 2, 29), date(2032, 3, 1), date(2032, 3, 2)]
    assert days_titled(items, "Monitoring ends") == [date(2036, 3, 2)]
    tests = days_titled(items, "Blood and urine tests")
    assert tests[-1] == date(2036, 2, 29)  # still on the first infusion's day of the month, clamped
    assert date(2032, 1, 31) in tests and date(2033, 1, 31) in tests, "the tests go on without a gap"
    assert "to the end of your monitoring on 2 March 2036" in html


def test_precautions_last_their_set_time_after_each_course(client):
    response = client.get(plan_url((31, 1, 2027), (31, 1, 2028)))
    html = response.content.decode()

    # Course 1 ends on 4 February 2027, course 2 on 2 February 2028.
    assert "Antiviral tablets, from course 1 until at least 4 March 2027" in html
    assert re.search(
        r'<time datetime="2027-01-17">[^<]*</time> to <time datetime="2027-03-04">.*?'
        r"Food safety for course 1, until at least 4 March 2027",
        html,
        re.S,
    ), "from 2 weeks before the course until a month after it"
    assert "Contraception, from course 1 until at least 4 June 2027" in html
    assert "Antiviral tablets, from course 2 until at least 2 March 2028" in html
    assert "Contraception, from course 2 until at least 2 June 2028" in html


def test_a_cervical_screening_reminder_comes_every_year_until_monitoring_ends(client):
    items, _ = timeline(client, (31, 1, 2027))

    assert days_titled(items, "Cervical screening") == [date(year, 1, 31) for year in range(2028, 2033)]


def test_steroids_are_given_on_the_first_3_infusion_days_of_each_course(client):
    html = client.get(plan_url((31, 1, 2027))).content.decode()
    infusions = re.findall(r'<li class="plan-event plan-event-infusion">(.*?)</li>', html, re.S)

    with_steroids = [("steroids" in item) for item in infusions]
    assert with_steroids == [True, True, True, False, False, True, True, True]
    assert all("at least 2 hours" in item for item in infusions)
