"""'Add to my calendar' downloads an RFC 5545 file holding the page's events, each with a reminder the day before."""

import re
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar
from plan_dates import calendar_url, plan_url

pytestmark = pytest.mark.django_db

STARTS = [(31, 1, 2027), (31, 1, 2028), (29, 2, 2032)]


@pytest.fixture
def download(client):
    response = client.get(calendar_url(*STARTS))
    assert response.status_code == 200
    return response


@pytest.fixture
def calendar(download):
    return Calendar.from_ical(download.content)


def page_events(client):
    """Each dated item of the page as its anchor names it: {role: first day}, monthly tests included."""
    html = client.get(plan_url(*STARTS)).content.decode()
    found = re.findall(r'<time id="([a-z0-9-]+)" datetime="([\d-]+)">', html)
    return {role: date.fromisoformat(day) for role, day in found}


def page_items(client):
    """The page's items other than the monthly tests: {role: (first day, last day, title)}."""
    html = client.get(plan_url(*STARTS)).content.decode()
    found = re.findall(
        r'<p class="plan-date"><time id="([a-z0-9-]+)" datetime="([\d-]+)">[^<]*</time>'
        r'(?: to <time datetime="([\d-]+)">)?.*?<p class="plan-title">(.*?)</p>',
        html,
        re.S,
    )
    return {
        role: (date.fromisoformat(start), date.fromisoformat(end or start), title.replace("&#x27;", "'"))
        for role, start, end, title in found
    }


def role(event):
    return str(event["UID"]).split("@")[0]


def test_the_file_downloads_as_a_calendar_attachment(download):
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="my-lemtrada-plan.ics"'


def test_the_plan_page_links_to_its_calendar_file(client):
    html = client.get(plan_url(*STARTS)).content.decode()

    link = re.search(r'<a class="button" href="([^"]+)" download>Add to my calendar</a>', html)
    assert link and link.group(1).replace("&amp;", "&") == calendar_url(*STARTS)


def test_the_calendar_has_the_properties_rfc_5545_requires(calendar, download):
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    events = calendar.walk("VEVENT")
    assert events
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids), "every event has its own UID"
    for event in events:
        assert isinstance(event["DTSTAMP"].dt, datetime) and event["DTSTAMP"].dt.utcoffset() == timedelta(0)
        assert str(event["SUMMARY"])


def test_every_event_is_an_all_day_event(calendar, download):
    for event in calendar.walk("VEVENT"):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is date and type(end) is date, "DATE values, not date-times"
        assert end > start
    assert b"DTSTART;VALUE=DATE:" in download.content


def test_lines_end_in_crlf_and_are_folded_at_75_octets(download):
    body = download.content
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "long descriptions are folded"
    assert b"\n" not in body.replace(b"\r\n", b"")


def test_the_calendar_holds_the_same_events_as_the_page(calendar, client):
    from_file = {role(event): event["DTSTART"].dt for event in calendar.walk("VEVENT")}

    assert from_file == page_events(client)
    assert len(from_file) > 100


def test_each_event_has_the_same_title_and_days_in_the_calendar_as_on_the_page(calendar, client):
    from_file = {
        role(event): (event["DTSTART"].dt, event["DTEND"].dt - timedelta(days=1), str(event["SUMMARY"]))
        for event in calendar.walk("VEVENT")
        if not role(event).startswith("monthly-test-")
    }

    assert from_file == page_items(client)


def test_every_event_has_a_reminder_the_day_before(calendar):
    for event in calendar.walk("VEVENT"):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1, str(event["SUMMARY"])
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]).startswith("Tomorrow: ")
        before = -alarm["TRIGGER"].dt
        assert timedelta(0) < before <= timedelta(days=1), "on the day before the event"


def test_monthly_tests_are_single_dated_events_not_a_repeating_rule(calendar):
    tests = [event for event in calendar.walk("VEVENT") if role(event).startswith("monthly-test-")]
    days = [event["DTSTART"].dt for event in tests]

    assert not [event for event in tests if "RRULE" in event]
    assert date(2027, 2, 28) in days and date(2028, 2, 29) in days
    assert max(days) == date(2036, 2, 29)
    thyroid = [event["DTSTART"].dt for event in tests if "thyroid" in str(event["SUMMARY"])]
    assert thyroid[:2] == [date(2027, 4, 30), date(2027, 7, 31)], "every third monthly test"


def test_yearly_cervical_screening_is_one_event_repeating_with_no_end(calendar):
    screening = [event for event in calendar.walk("VEVENT") if "Cervical screening" in str(event["SUMMARY"])]

    assert len(screening) == 1
    (event,) = screening
    assert event["DTSTART"].dt == date(2028, 1, 31), "12 months after the first infusion"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["YEARLY"] and rule["INTERVAL"] == [1]
    assert "UNTIL" not in rule and "COUNT" not in rule, "it does not stop when monitoring ends"


def test_each_course_has_its_vaccination_deadline_6_weeks_before_it(calendar):
    deadlines = {
        role(event): (event["DTSTART"].dt, str(event["SUMMARY"]))
        for event in calendar.walk("VEVENT")
        if role(event).endswith("-vaccination-deadline")
    }

    assert deadlines == {
        "course-1-vaccination-deadline": (date(2026, 12, 20), "Last day for vaccinations before course 1"),
        "course-2-vaccination-deadline": (date(2027, 12, 20), "Last day for vaccinations before course 2"),
        "course-3-vaccination-deadline": (date(2032, 1, 18), "Last day for vaccinations before course 3"),
    }


def test_each_event_says_which_page_explains_it_with_the_site_s_own_address(calendar):
    infusion = next(event for event in calendar.walk("VEVENT") if "infusion 1 of 5" in event["SUMMARY"])

    assert "https://lemtrada.test/treatment/ (How Lemtrada is given)" in str(infusion["DESCRIPTION"])


def test_every_link_in_the_file_comes_from_site_url_not_the_request_s_host(client, settings):
    settings.ALLOWED_HOSTS = ["*"]

    body = client.get(calendar_url(*STARTS), HTTP_HOST="elsewhere.example").content.decode()

    unfolded = body.replace("\r\n ", "")
    links = re.findall(r"https?://[^\s()\\]+", unfolded)
    assert links and all(link.startswith("https://lemtrada.test/") for link in links)
    assert "elsewhere.example" not in unfolded


def test_a_calendar_for_dates_in_error_is_refused_with_the_form(client):
    response = client.get(calendar_url((31, 2, 2027)))

    assert response.status_code == 400
    assert "31 February is not a real date" in response.content.decode()
