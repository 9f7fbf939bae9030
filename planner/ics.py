"""
The plan as an iCalendar file (RFC 5545), made with the icalendar package: all-day events, each with a reminder.

Importing a newer plan must replace the events of an older one, not add to them. Each event's UID names
its role in the plan ("course-2-infusion-1@…", "monthly-test-14@…"), never its date, so the same event
keeps its UID when a date moves; SEQUENCE and DTSTAMP grow with the time the file is made, so calendar
apps take the newer file's version of each event. Nothing about the plan is stored to number versions.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.utils import timezone
from icalendar import Alarm, Calendar
from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//Lemtrada patient information//My treatment plan//EN"
# All-day events start at midnight: 15 hours before is 9 in the morning the day before.
REMINDER_BEFORE = timedelta(hours=15)
# SEQUENCE counts minutes from here: a file made later always has the higher number.
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


def plan_calendar(plan, *, site_url):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "My Lemtrada treatment plan")
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    sequence = int((stamp - SEQUENCE_EPOCH).total_seconds() // 60)
    domain = urlsplit(site_url).hostname or "lemtrada-planner"
    for event in plan.events:
        entry = CalendarEvent()
        entry.add("uid", f"{event.role}@{domain}")
        entry.add("sequence", sequence)
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start)
        # DTEND of an all-day event is the day after its last day.
        entry.add("dtend", (event.last_day or event.start) + timedelta(days=1))
        if event.every_months:
            # A repeat with no end: no COUNT, no UNTIL.
            years, months = divmod(event.every_months, 12)
            if months:
                entry.add("rrule", {"freq": "monthly", "interval": event.every_months})
            else:
                entry.add("rrule", {"freq": "yearly", "interval": years})
        entry.add("summary", event.title)
        links = "\n".join(f"{site_url}{url} ({title})" for url, title in event.links)
        entry.add("description", f"{event.detail}\n\nMore: {links}" if links else event.detail)
        entry.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Tomorrow: {event.title}")
        alarm.add("trigger", -REMINDER_BEFORE)
        entry.add_component(alarm)
        calendar.add_component(entry)
    return calendar.to_ical()
