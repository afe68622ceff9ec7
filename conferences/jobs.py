"""Periodic registration work: reminders before events, retried mails and the deletion of
personal data after events. `manage.py run_registration_jobs` runs all of it (cron)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import EventPage, EventStatus, Registration, RegistrationMessage, RegistrationStatus
from .models.registrations import MessageKind
from .outbox import queue_message, retry_pending_messages

# Registrations of an event that was deleted from the site are kept this long after their
# last change, so organisers can still tell people, then anonymised like any other.
ORPHAN_RETENTION_DAYS = 30


def queue_reminders(now=None):
    """One reminder per confirmed registration, a few days before the event. Safe to run as
    often as wanted: a registration that has its reminder never gets a second one."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(days=settings.REGISTRATION_REMINDER_DAYS)
    soon = (
        EventPage.objects.live()
        .filter(
            locale__language_code=settings.LANGUAGE_CODE,
            registration_enabled=True,
            start__gt=now,
            start__lte=horizon,
        )
        .exclude(status=EventStatus.CANCELLED)
        .values("translation_key")
    )
    due = Registration.objects.filter(
        event_key__in=soon, status=RegistrationStatus.CONFIRMED, anonymised_at__isnull=True
    ).exclude(messages__kind=MessageKind.REMINDER)
    queued = 0
    for registration in due:
        with transaction.atomic():
            queue_message(registration, MessageKind.REMINDER)
        queued += 1
    return queued


def anonymise(registrations, now):
    """Keep what statistics need (event, status, language, dates), drop who it was."""
    ids = list(registrations.values_list("pk", flat=True))
    with transaction.atomic():
        RegistrationMessage.objects.filter(registration_id__in=ids).delete()
        return Registration.objects.filter(pk__in=ids).update(
            email="", form_data={}, privacy_policy_version="", anonymised_at=now
        )


def anonymise_expired_registrations(now=None):
    """Anonymise every registration whose event ended more than its retention period ago."""
    now = now or timezone.now()
    personal = Registration.objects.filter(anonymised_at__isnull=True)
    keys = set(personal.values_list("event_key", flat=True).distinct())
    events = EventPage.objects.filter(
        translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE
    ).only("translation_key", "end", "retention_days")
    expired_keys = []
    for event in events:
        keys.discard(event.translation_key)
        if event.personal_data_kept_until <= now:
            expired_keys.append(event.translation_key)
    # Keys left have no source-language event page any more (deleted or never German).
    orphans_still_on_site = set(
        EventPage.objects.filter(translation_key__in=keys).values_list("translation_key", flat=True)
    )
    orphan_keys = keys - orphans_still_on_site
    orphan_cutoff = now - datetime.timedelta(days=ORPHAN_RETENTION_DAYS)
    count = anonymise(personal.filter(event_key__in=expired_keys), now)
    count += anonymise(
        personal.filter(event_key__in=orphan_keys, status_changed_at__lte=orphan_cutoff), now
    )
    return count


def run_all(now=None):
    return {
        "reminders": queue_reminders(now),
        "mails_sent": retry_pending_messages(now),
        "anonymised": anonymise_expired_registrations(now),
    }
