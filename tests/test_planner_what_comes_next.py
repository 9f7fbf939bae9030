"""The plan opens with where today falls and what comes next; what is already past is folded away."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone
from icalendar import Calendar
from plan_dates import calendar_url, plan_url

from planner.plan import add_months

pytestmark = pytest.mark.django_db


def parts(date_):
    return (date_.day, date_.month, date_.year)


def plan_page(client, *starts):
    response = client.get(plan_url(*(parts(start) for start in starts)))
    assert response.status_code == 200
    return response.content.decode()


def section(html, start, end):
    return html[html.index(start) : html.index(end, html.index(start))]


def coming_next(html):
    """The "Coming next" list: (day, anchor it links to, title)."""
    block = section(html, "<h3>Coming next</h3>", "</ol>")
    found = re.findall(r'<time datetime="([\d-]+)">.*?</time>: <a href="#([^"]+)">(.*?)</a>', block)
    return [(date.fromisoformat(day), role, unescape(title)) for day, role, title in found]


def anchored_days(html):
    found = re.findall(r'<time id="([^"]+)" datetime="([\d-]+)">', html)
    return {role: date.fromisoformat(day) for role, day in found}


def test_a_plan_begun_9_months_ago_shows_the_next_events_first_and_folds_the_past(client):
    today = timezone.localdate()
    begun = add_months(today, -9)

    html = plan_page(client, begun)

    today_box = section(html, '<section class="plan-today"', "</section>")
    assert html.index('class="plan-today"') < html.index('id="timeline-title"')
    assert "You are in month 9 after course 1." in today_box
    assert "Course 2 is suggested for about" in today_box
    coming = coming_next(html)
    assert len(coming) == 5
    assert [day for day, _, _ in coming] == sorted(day for day, _, _ in coming)
    assert coming[0][0] >= today
    every_day = anchored_days(html)
    next_events = sorted(day for day in every_day.values() if day >= today)
    assert coming[0][0] == next_events[0], "the soonest event comes first"

    past = section(html, '<details class="plan-past">', "</details>")
    assert '<details class="plan-past" open' not in html, "folded: the page opens with the past closed"
    folded = anchored_days(past)
    assert "course-1-infusion-1" in folded and "course-1-vaccination-deadline" in folded
    assert all(day < today for day in folded.values())
    after_the_past = html[html.index("</details>", html.index('<details class="plan-past">')) :]
    still_open = anchored_days(after_the_past)
    assert still_open and all(day >= today for day in still_open.values())
    assert "What is already past (" in past


def test_the_past_and_the_rest_hold_every_event_once(client):
    begun = add_months(timezone.localdate(), -9)

    html = plan_page(client, begun)

    on_page = re.findall(r'<time id="([^"]+)"', html)
    assert len(on_page) == len(set(on_page))
    calendar = Calendar.from_ical(client.get(calendar_url(parts(begun))).content)
    assert set(on_page) == {str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT")}


def test_a_span_still_going_on_today_is_listed_as_going_on_now_not_folded(client):
    today = timezone.localdate()
    begun = today - timedelta(days=10)  # course 1's antiviral tablets run until a month after its last infusion

    html = plan_page(client, begun)

    now = section(html, "<h3>Going on now</h3>", "</ul>")
    assert 'href="#course-1-antiviral"' in now and 'href="#course-1-contraception"' in now
    past = section(html, '<details class="plan-past">', "</details>")
    assert 'id="course-1-antiviral"' not in past
    assert 'id="course-1-infusion-1"' in past


def test_a_plan_not_begun_yet_counts_the_days_to_course_1_and_has_nothing_folded(client):
    start = timezone.localdate() + timedelta(days=60)

    html = plan_page(client, start)

    assert "Course 1 starts in 60 days" in html
    assert "plan-past" not in html
    assert coming_next(html)[0][:2] == (start - timedelta(weeks=6), "course-1-vaccination-deadline")


def test_on_an_infusion_day_the_plan_says_which_day_of_the_course_it_is(client):
    today = timezone.localdate()

    html = plan_page(client, today - timedelta(days=1))

    assert "Today is day 2 of course 1: infusion 2 of 5." in html
    assert coming_next(html)[0][:2] == (today, "course-1-infusion-2")
    assert f'<time datetime="{today.isoformat()}">Today</time>' in html


def test_when_the_suggested_course_2_date_has_passed_the_plan_asks_for_the_real_one(client):
    begun = add_months(timezone.localdate(), -14)

    html = unescape(plan_page(client, begun))

    assert "Course 2 was suggested for about" in html
    assert "If you have had it, change the dates to add the day it started" in html


def test_after_monitoring_the_plan_says_it_has_ended_and_keeps_the_yearly_screening_open(client):
    html = plan_page(client, date(2014, 3, 3), date(2015, 3, 10))

    assert "Your monitoring ended on 12 March 2019." in html
    assert "You are in month" not in html
    assert "Women keep having a cervical screening test every year." in html
    past = section(html, '<details class="plan-past">', "</details>")
    assert 'id="monitoring-ends"' in past
    assert 'id="cervical-screening"' not in past, "a yearly test with no end is never past"
    coming = coming_next(html)
    assert [role for _, role, _ in coming] == ["cervical-screening"]
    assert coming[0][0].month == 3 and coming[0][0].day == 3 and coming[0][0] >= timezone.localdate()


def test_the_page_and_the_calendar_say_suggested_never_planned(client):
    page = plan_page(client, date(2027, 1, 31))
    calendar = client.get(calendar_url((31, 1, 2027))).content.decode()

    assert "suggested" in page and "suggested" in calendar
    assert "planned" not in page.lower() and "planned" not in calendar.lower()
    form = client.get("/planner/").content.decode()
    assert "planned" not in form.lower()
