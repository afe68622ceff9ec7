"""Many people registering for one event at the same moment: real HTTP requests, released
together, against a multi-process gunicorn serving the test database. Nobody is overbooked,
lost, stored twice or shown an error page.

The server only sees committed rows, so these tests are transactional: the database is flushed
after each one, and each starts from the demo site written back the way the browser tests do
it (their fixtures are imported, being the suite's only way back to the demo site)."""

from collections import Counter

import pytest

from bench.burst import fill_in_all, send_together, serve
from conferences import capacity
from conferences.models import EventPage, Registration, RegistrationStatus
from tests.browser.conftest import (  # noqa: F401
    _demo_rows,
    _exact_serialized_rollback,
    demo_content,
    site_db,
)
from tests.conftest import page_in

pytestmark = pytest.mark.usefixtures("demo_content")

SEATS_LEFT = 10
ALREADY_REGISTERED = 5
PEOPLE = 100


@pytest.fixture
def server():
    # Many more workers than cores: the operating system switches between them mid-request,
    # so submissions overlap inside the database. With 8 workers on two cores, a run without
    # the row lock still passed; with 16 it overbooked every time.
    with serve(workers=16) as server:
        yield server


def event_with_seats_left(waitlist):
    event = page_in("de", "kick-off-herbst")
    for number in range(ALREADY_REGISTERED):
        capacity.register(
            event,
            email=f"early{number}@example.org",
            answers={},
            language="de",
            privacy_policy_version="1",
        )
    EventPage.objects.filter(pk=event.pk).update(
        capacity=ALREADY_REGISTERED + SEATS_LEFT, waitlist_enabled=waitlist
    )
    return event


def register_at_once(server, event, emails):
    """Every person's form sent at the same instant; every answer a result page."""
    burst = send_together(fill_in_all(server.url + event.url, emails), concurrency=len(emails))
    assert [outcome.http_status for outcome in burst.outcomes] == [200] * len(emails), server.log()
    return burst.outcomes


def shown(outcomes):
    return Counter(outcome.registration_status for outcome in outcomes)


def stored(emails):
    return Registration.objects.filter(email__in=emails)


def seats_taken(event):
    return Registration.objects.filter(
        event_key=event.translation_key, status=RegistrationStatus.CONFIRMED
    ).count()


def test_a_hundred_people_at_once_for_ten_seats_get_ten_seats_and_ninety_waiting_places(server):
    event = event_with_seats_left(waitlist=True)
    emails = [f"person{number}@example.org" for number in range(PEOPLE)]

    outcomes = register_at_once(server, event, emails)

    assert shown(outcomes) == {"confirmed": SEATS_LEFT, "waitlisted": PEOPLE - SEATS_LEFT}
    assert stored(emails).count() == PEOPLE
    assert dict(stored(emails).values_list("email", "status")) == {
        outcome.email: outcome.registration_status for outcome in outcomes
    }
    assert seats_taken(event) == ALREADY_REGISTERED + SEATS_LEFT


def test_without_waiting_list_ten_of_a_hundred_get_seats_and_ninety_are_refused(server):
    event = event_with_seats_left(waitlist=False)
    emails = [f"person{number}@example.org" for number in range(PEOPLE)]

    outcomes = register_at_once(server, event, emails)

    assert shown(outcomes) == {"confirmed": SEATS_LEFT, "rejected": PEOPLE - SEATS_LEFT}
    assert stored(emails).count() == SEATS_LEFT
    assert dict(stored(emails).values_list("email", "status")) == {
        outcome.email: RegistrationStatus.CONFIRMED
        for outcome in outcomes
        if outcome.registration_status == "confirmed"
    }
    assert seats_taken(event) == ALREADY_REGISTERED + SEATS_LEFT


def test_one_email_sent_twenty_times_at_once_is_registered_once(server):
    event = event_with_seats_left(waitlist=True)

    outcomes = register_at_once(server, event, ["twice@example.org"] * 20)

    assert shown(outcomes) == {"confirmed": 1, "rejected": 19}
    assert stored(["twice@example.org"]).count() == 1
