"""Seats, waiting list and cancellation: the rules of registering, apart from any view.

Every decision that depends on how many seats are taken runs while the event's EventSeats row
is locked, so concurrent submissions are decided one after another (on SQLite the
transaction's write lock does the same)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Value
from django.db.models.functions import Lower
from django.utils import timezone

from .models import EventSeats, Registration, RegistrationStatus
from .models.registrations import ACTIVE_STATUSES, MessageKind
from .outbox import queue_first_messages, queue_message


class RegistrationRefused(Exception):
    reason = "refused"


class RegistrationClosed(RegistrationRefused):
    reason = "closed"


class AlreadyRegistered(RegistrationRefused):
    reason = "duplicate"


class EventFull(RegistrationRefused):
    reason = "full"


class AlreadyCancelled(Exception):
    pass


class State:
    NONE = "none"
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    WAITLIST = "waitlist"
    FULL = "full"
    CLOSED = "closed"


@dataclass(frozen=True)
class Availability:
    state: str
    capacity: int | None
    confirmed: int
    waitlisted: int
    opens_at: object = None
    closes_at: object = None

    @property
    def remaining(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def accepts_submissions(self):
        return self.state in (State.OPEN, State.WAITLIST)


def counts(event_key):
    rows = (
        Registration.objects.filter(event_key=event_key, status__in=ACTIVE_STATUSES)
        .values("status")
        .annotate(n=Count("pk"))
    )
    by_status = {row["status"]: row["n"] for row in rows}
    return by_status.get(RegistrationStatus.CONFIRMED, 0), by_status.get(
        RegistrationStatus.WAITLISTED, 0
    )


def window_state(event, now):
    """NONE, CLOSED or NOT_YET_OPEN when the rules alone decide, else None: seats need counting.
    The rules come from the source-language version, so every translation behaves the same."""
    from .models import EventStatus

    rules = event.registration_rules
    if not rules.registration_enabled:
        return State.NONE
    closes_at = rules.registration_closes_at or rules.start
    if rules.status == EventStatus.CANCELLED or now >= closes_at:
        return State.CLOSED
    if rules.registration_opens_at and now < rules.registration_opens_at:
        return State.NOT_YET_OPEN
    return None


def availability(event, now=None):
    """Where registration for this event stands, seats included."""
    now = now or timezone.now()
    rules = event.registration_rules
    state = window_state(event, now)
    if state == State.NONE:
        return Availability(State.NONE, None, 0, 0)
    confirmed, waitlisted = counts(event.translation_key)
    if state is None:
        if rules.capacity is not None and confirmed >= rules.capacity:
            state = State.WAITLIST if rules.waitlist_enabled else State.FULL
        else:
            state = State.OPEN
    closes_at = rules.registration_closes_at or rules.start
    return Availability(
        state, rules.capacity, confirmed, waitlisted, rules.registration_opens_at, closes_at
    )


def _lock(event_key):
    locked = EventSeats.objects.select_for_update().filter(event_key=event_key)
    if not list(locked.values_list("pk", flat=True)):
        # The event's first registration creates the row; a concurrent first one waits for it.
        EventSeats.objects.get_or_create(event_key=event_key)
        list(locked.values_list("pk", flat=True))


def register(event, *, email, answers, language, privacy_policy_version, now=None):
    """Store one registration, confirmed or waitlisted, or raise why it cannot be taken."""
    now = now or timezone.now()
    key = event.translation_key
    try:
        with transaction.atomic():
            _lock(key)
            current = availability(event, now)
            if not current.accepts_submissions and current.state != State.FULL:
                raise RegistrationClosed()
            if active_registration(key, email) is not None:
                raise AlreadyRegistered()
            if current.state == State.FULL:
                raise EventFull()
            status = (
                RegistrationStatus.WAITLISTED
                if current.state == State.WAITLIST
                else RegistrationStatus.CONFIRMED
            )
            registration = Registration.objects.create(
                event_key=key,
                page=event,
                language=language,
                status=status,
                email=email,
                form_data=answers,
                consent_at=now,
                privacy_policy_version=privacy_policy_version,
                created_at=now,
                status_changed_at=now,
            )
            kinds = [
                MessageKind.CONFIRMATION
                if status == RegistrationStatus.CONFIRMED
                else MessageKind.WAITLISTED
            ]
            if event.registration_rules.organiser_email:
                kinds.append(MessageKind.ORGANISER)
            queue_first_messages(registration, kinds)
    except IntegrityError as error:
        # The unique index is the last line of defence should two requests slip past the lock.
        if active_registration(key, email) is not None:
            raise AlreadyRegistered() from error
        raise
    return registration


def active_registration(event_key, email):
    return (
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(
            event_key=event_key,
            # The database's lower(), as the unique index uses it: Python lowers "İ" and, on
            # SQLite, non-ASCII letters differently.
            email_lower=Lower(Value(email)),
            status__in=ACTIVE_STATUSES,
            anonymised_at__isnull=True,
        )
        .first()
    )


def cancel(registration, now=None):
    """Cancel one registration; a freed seat goes to the first person on the waiting list.
    Returns the registrations promoted."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event_key)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if not current.is_active:
            raise AlreadyCancelled()
        freed_a_seat = current.status == RegistrationStatus.CONFIRMED
        _set_status(current, RegistrationStatus.CANCELLED, now)
        queue_message(current, MessageKind.CANCELLED)
        promoted = fill_free_seats(current.event_key, now) if freed_a_seat else []
    registration.refresh_from_db()
    return promoted


def confirm_from_waitlist(registration, now=None):
    """An organiser gives a waitlisted person a seat, even beyond the capacity."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(registration.event_key)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.WAITLISTED or current.anonymised_at:
            return False
        _set_status(current, RegistrationStatus.CONFIRMED, now)
        queue_message(current, MessageKind.PROMOTED)
    registration.refresh_from_db()
    return True


def fill_free_seats(event_key, now=None):
    """Move people up from the waiting list while seats are free and the event has not begun.
    Call with the event's seats locked."""
    from .models import EventPage

    now = now or timezone.now()
    event = EventPage.objects.filter(translation_key=event_key).first()
    if event is None:
        return []
    rules = event.registration_rules
    if not rules.registration_enabled or now >= rules.start:
        return []
    confirmed, _ = counts(event_key)
    free = None if rules.capacity is None else rules.capacity - confirmed
    waiting = Registration.objects.filter(
        event_key=event_key, status=RegistrationStatus.WAITLISTED, anonymised_at__isnull=True
    ).order_by("created_at", "pk")
    if free is not None:
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        _set_status(registration, RegistrationStatus.CONFIRMED, now)
        queue_message(registration, MessageKind.PROMOTED)
    return promoted


def promote_after_rule_change(event_key, now=None):
    """More seats, or the waiting list switched off: give waiting people the new seats."""
    with transaction.atomic():
        _lock(event_key)
        return fill_free_seats(event_key, now)


def _set_status(registration, status, now):
    registration.status = status
    registration.status_changed_at = now
    registration.save(update_fields=["status", "status_changed_at"])
