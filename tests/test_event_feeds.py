import json
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from tests.conftest import page_in

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
GERMAN, ENGLISH = "regionalkonferenz-guetersloh-2023", "regional-conference-guetersloh-2023"


def calendar_of(client, page):
    response = client.get(page.url + page.reverse_subpage("calendar"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def json_ld(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return json.loads(html.select_one('script[type="application/ld+json"]').string)


def test_event_calendar_file_describes_the_conference(client, demo_site):
    conference = page_in("de", GERMAN)
    calendar = calendar_of(client, conference)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Daten in der Smart City")
    assert event.decoded("DTSTART").isoformat() == "2023-03-16T10:00:00+01:00"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Rathaus Gütersloh" in str(event["LOCATION"])
    assert str(event["URL"]).endswith("/de/veranstaltungen/regionalkonferenz-guetersloh-2023/")
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"


def test_translations_of_an_event_share_one_calendar_uid(client, demo_site):
    german = calendar_of(client, page_in("de", GERMAN)).walk("VEVENT")[0]
    english = calendar_of(client, page_in("en", ENGLISH)).walk("VEVENT")[0]
    assert german["UID"] == english["UID"]
    assert str(english["SUMMARY"]).startswith("Data in the smart city")
    assert "Gütersloh Town Hall" in str(english["LOCATION"])


def test_series_and_index_feeds_list_their_events(client, demo_site):
    series = page_in("de", "kick-off-workshops")
    assert len(calendar_of(client, series).walk("VEVENT")) == 3
    index_events = calendar_of(client, page_in("en", "events")).walk("VEVENT")
    assert len(index_events) == 7
    assert all(str(event["URL"]).split("/")[3] == "en" for event in index_events)


def test_cancelled_event_is_cancelled_in_calendars_and_search_engines(client, demo_site):
    session = page_in("de", "werkstatt-datenplattformen")
    session.status = "cancelled"
    session.save_revision().publish()
    (event,) = calendar_of(client, session).walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert json_ld(client, session)["eventStatus"] == "https://schema.org/EventCancelled"


def test_pages_offer_a_webcal_subscription(client, demo_site):
    html = BeautifulSoup(client.get(page_in("de", "veranstaltungen").url).content, "html.parser")
    link = html.select_one('a[href^="webcal://"]')
    assert link["href"] == "webcal://testserver/de/veranstaltungen/calendar/"


def test_conference_publishes_schema_org_event_data(client, demo_site):
    data = json_ld(client, page_in("de", GERMAN))
    assert data["@type"] == "Event"
    assert data["name"].startswith("Daten in der Smart City")
    assert data["startDate"] == "2023-03-16T10:00:00+01:00"
    assert data["endDate"] == "2023-03-16T16:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Berliner Straße 70",
        "postalCode": "33330",
        "addressLocality": "Gütersloh",
        "addressRegion": "Nordrhein-Westfalen",
        "addressCountry": "DE",
    }
    assert (
        data["organizer"]["name"]
        == "Koordinierungs- und Transferstelle Modellprojekte Smart Cities"
    )
    assert data["inLanguage"] == "de"
    assert data["description"].startswith("Regionalkonferenz in Gütersloh")


def test_online_session_has_a_virtual_location_in_english(client, demo_site):
    session = page_in("en", "kick-off-autumn")
    data = json_ld(client, session)
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": f"http://testserver{session.url}",
    }
    assert data["inLanguage"] == "en"
