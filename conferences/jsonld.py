"""schema.org Event data for search engines and aggregators."""

from zoneinfo import ZoneInfo

from .capacity import State
from .models import AttendanceMode, EventStatus

BERLIN = ZoneInfo("Europe/Berlin")
SCHEMA = "https://schema.org/"
STATUS = {
    EventStatus.SCHEDULED: "EventScheduled",
    EventStatus.CANCELLED: "EventCancelled",
    EventStatus.POSTPONED: "EventPostponed",
    EventStatus.MOVED_ONLINE: "EventMovedOnline",
}
ATTENDANCE = {
    AttendanceMode.OFFLINE: "OfflineEventAttendanceMode",
    AttendanceMode.ONLINE: "OnlineEventAttendanceMode",
    AttendanceMode.MIXED: "MixedEventAttendanceMode",
}


def place(venue):
    data = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street,
            "postalCode": venue.postcode,
            "addressLocality": venue.city,
            "addressRegion": venue.get_federal_state_display(),
            "addressCountry": "DE",
        },
    }
    if venue.latitude is not None and venue.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return data


OFFER_AVAILABILITY = {
    State.OPEN: "InStock",
    State.WAITLIST: "SoldOut",
    State.FULL: "SoldOut",
    State.NOT_YET_OPEN: "PreOrder",
    State.CLOSED: "Discontinued",
}
# Below this many free seats the offer is shown as limited, as ticket shops do.
FEW_SEATS = 5


def registration_offer(availability, url):
    """Seats and the free registration as schema.org sees them."""
    if availability is None or availability.state == State.NONE:
        return {}
    data = {}
    remaining = availability.remaining
    if availability.capacity is not None:
        data["maximumAttendeeCapacity"] = availability.capacity
        data["remainingAttendeeCapacity"] = remaining
    offer_availability = OFFER_AVAILABILITY[availability.state]
    if availability.state == State.OPEN and remaining is not None and remaining <= FEW_SEATS:
        offer_availability = "LimitedAvailability"
    offer = {
        "@type": "Offer",
        "price": 0,
        "priceCurrency": "EUR",
        "url": f"{url}#register",
        "availability": SCHEMA + offer_availability,
        "validThrough": availability.closes_at.astimezone(BERLIN).isoformat(),
    }
    if availability.opens_at:
        offer["validFrom"] = availability.opens_at.astimezone(BERLIN).isoformat()
    data["offers"] = offer
    data["isAccessibleForFree"] = True
    return data


def event_json_ld(event, request, availability=None):
    url = request.build_absolute_uri(event.get_url(request))
    locations = []
    if event.venue and event.attendance_mode != AttendanceMode.ONLINE:
        locations.append(place(event.venue))
    if event.attendance_mode != AttendanceMode.OFFLINE:
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": event.start.astimezone(BERLIN).isoformat(),
        "endDate": event.end.astimezone(BERLIN).isoformat(),
        "eventStatus": SCHEMA + STATUS[event.status],
        "eventAttendanceMode": SCHEMA + ATTENDANCE[event.attendance_mode],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": {"@type": "Organization", "name": event.organiser},
        "inLanguage": event.locale.language_code,
    }
    data.update(registration_offer(availability, url))
    if event.teaser:
        data["description"] = event.teaser
    if event.image:
        data["image"] = request.build_absolute_uri(event.image.get_rendition("width-1200").url)
    return data
