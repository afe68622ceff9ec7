"""iCalendar files for single events and subscribable feeds, built with the icalendar library."""

import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from .models.events import AttendanceMode, EventStatus

BERLIN = ZoneInfo("Europe/Berlin")
ICS_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.MOVED_ONLINE: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def event_uid(event):
    """The same for every translation of one event, so calendars never show it twice."""
    return f"{event.translation_key}@start-smart"


def event_location(event):
    parts = []
    if event.venue and event.attendance_mode != AttendanceMode.ONLINE:
        venue = event.venue
        town = f"{venue.postcode} {venue.city}".strip()
        parts.append(", ".join(filter(None, [venue.name, venue.street, town])))
    if event.attendance_mode != AttendanceMode.OFFLINE:
        parts.append("Online")
    return " / ".join(parts)


def event_component(event, request=None):
    url = event.get_full_url(request)
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("dtstart", event.start.astimezone(BERLIN))
    component.add("dtend", event.end.astimezone(BERLIN))
    component.add("summary", event.title)
    component.add("description", "\n\n".join(filter(None, [event.teaser, url])))
    component.add("url", url)
    component.add("status", ICS_STATUS[event.status])
    location = event_location(event)
    if location:
        component.add("location", location)
    return component


def calendar_bytes(events, name, request=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Start Smart//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for event in events:
        calendar.add_component(event_component(event, request))
    calendar.add_missing_timezones(
        first_date=datetime.date(2019, 1, 1), last_date=datetime.date(2040, 1, 1)
    )
    return calendar.to_ical()


def calendar_response(events, name, request, filename):
    response = HttpResponse(
        calendar_bytes(events, name, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
