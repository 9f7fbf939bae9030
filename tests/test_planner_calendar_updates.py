"""Importing a newer plan's calendar file replaces the older one's events: same UID per role, a newer SEQUENCE."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from plan_dates import calendar_url

from planner.plan import add_months

pytestmark = pytest.mark.django_db

COURSE_1 = (31, 1, 2027)


def events(client, *starts):
    response = client.get(calendar_url(*starts))
    assert response.status_code == 200
    return {str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")}


def test_each_uid_names_the_event_s_role_in_the_plan_not_its_date(client):
    uids = events(client, COURSE_1)

    for uid in (
        "course-2-infusion-1@lemtrada.test",
        "monthly-test-14@lemtrada.test",
        "course-2-vaccination-deadline@lemtrada.test",
        "course-1-antiviral@lemtrada.test",
        "cervical-screening@lemtrada.test",
        "monitoring-ends@lemtrada.test",
    ):
        assert uid in uids
    assert not [uid for uid in uids if any(part in uid for part in ("2027", "2028", "0131", "31-01"))]


@pytest.mark.parametrize("begun", ["31 January 2027", "9 months ago"])
def test_adding_course_2_s_real_date_leaves_no_event_of_the_suggested_plan_behind(client, begun):
    first = date(2027, 1, 31) if begun == "31 January 2027" else add_months(timezone.localdate(), -9)
    course_1 = (first.day, first.month, first.year)
    suggested = events(client, course_1)
    course_2 = suggested["course-2-infusion-1@lemtrada.test"]["DTSTART"].dt
    assert course_2 == add_months(first, 12)
    started = course_2 + timedelta(days=4)  # a few days after the suggested date

    actual = events(client, course_1, (started.day, started.month, started.year))

    orphans = set(suggested) - set(actual)
    assert not orphans, f"left behind in the calendar after a re-import: {sorted(orphans)}"
    moved = {uid for uid in suggested if suggested[uid]["DTSTART"].dt != actual[uid]["DTSTART"].dt}
    assert "course-2-infusion-1@lemtrada.test" in moved and "course-2-food-safety@lemtrada.test" in moved
    assert actual["course-2-infusion-1@lemtrada.test"]["DTSTART"].dt == started
    assert "suggested" not in str(actual["course-2-infusion-1@lemtrada.test"]["SUMMARY"])


def test_adding_an_extra_course_keeps_every_event_of_the_plan_before_it(client):
    two_courses = events(client, COURSE_1, (31, 1, 2028))
    later = add_months(date(2028, 1, 31), 14)

    three_courses = events(client, COURSE_1, (31, 1, 2028), (later.day, later.month, later.year))

    assert set(two_courses) <= set(three_courses)
    assert "course-3-infusion-1@lemtrada.test" in three_courses


def test_a_file_made_later_carries_a_newer_sequence_and_stamp_so_calendars_take_the_update(client, monkeypatch):
    made = {}
    for when in (datetime(2027, 3, 1, 9, 0, tzinfo=UTC), datetime(2027, 3, 8, 9, 30, tzinfo=UTC)):
        monkeypatch.setattr(timezone, "now", lambda when=when: when)
        made[when] = events(client, COURSE_1)["course-2-infusion-1@lemtrada.test"]

    first, second = made.values()
    assert second["SEQUENCE"] > first["SEQUENCE"] >= 0
    assert second["DTSTAMP"].dt > first["DTSTAMP"].dt
    assert second["DTSTAMP"].dt == datetime(2027, 3, 8, 9, 30, tzinfo=UTC)
