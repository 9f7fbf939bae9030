"""The plan as an iCalendar file (RFC 5545), made with the icalendar package: all-day events, each with a reminder."""

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar
from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//Lemtrada patient information//My treatment plan//EN"
# All-day events start at midnight: 15 hours before is 9 in the morning the day before.
REMINDER_BEFORE = timedelta(hours=15)


def plan_calendar(plan, *, site_url):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "My Lemtrada treatment plan")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for event in plan.events:
        entry = CalendarEvent()
        # One event of a kind starts on a given day, and gets the same UID each time: importing an updated
        # plan replaces it rather than adding a copy.
        entry.add("uid", f"{event.kind}-{event.start:%Y%m%d}@lemtrada-planner")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start)
        entry.add("dtend", event.last_day + timedelta(days=1))  # DTEND of an all-day event is the day after
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
