"""Registration mails: recorded with the registration, sent after commit from a task, retried
until they go out."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from .models import RegistrationMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10


def retry_delay(attempts):
    return datetime.timedelta(minutes=min(2**attempts, 24 * 60))


def _send_after_commit(message):
    """A registration that rolls back never sends its mail, and a stored one never loses it."""
    from .tasks import deliver_message

    transaction.on_commit(lambda: deliver_message.enqueue(message.pk))


def queue_message(registration, kind):
    """Record one mail unless the registration already has it (a repeated job, a double
    click); it goes to the task queue once the transaction commits."""
    message, created = RegistrationMessage.objects.get_or_create(
        registration=registration, kind=kind
    )
    if created:
        _send_after_commit(message)
    return message


def queue_first_messages(registration, kinds):
    """The mails of a registration that was just created, in one insert."""
    messages = RegistrationMessage.objects.bulk_create(
        [RegistrationMessage(registration=registration, kind=kind) for kind in kinds]
    )
    for message in messages:
        _send_after_commit(message)


def deliver(message_id, now=None):
    from .mail import compose

    message = (
        RegistrationMessage.objects.select_related("registration", "registration__page")
        .filter(pk=message_id, sent_at__isnull=True)
        .first()
    )
    if message is None or message.registration.anonymised_at:
        return False
    try:
        email = compose(message)
        if email is not None:
            email.send()
    except Exception as error:  # any mail failure is retried later, never raised
        message.attempts += 1
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.save(update_fields=["attempts", "last_error"])
        logger.warning("Registration mail %s failed (attempt %s): %s", message.pk,
                       message.attempts, message.last_error)  # fmt: skip
        _schedule_retry(message, now)
        return False
    message.sent_at = now or timezone.now()
    message.save(update_fields=["sent_at"])
    return True


def _schedule_retry(message, now):
    from .tasks import deliver_message

    if not default_task_backend.supports_defer or message.attempts >= MAX_ATTEMPTS:
        return  # the periodic job (run_registration_jobs) picks it up
    run_after = (now or timezone.now()) + retry_delay(message.attempts)
    deliver_message.using(run_after=run_after).enqueue(message.pk)


def retry_pending_messages(now=None):
    """Send every mail that has not gone out yet; returns how many were sent."""
    pending = RegistrationMessage.objects.filter(
        sent_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
        registration__anonymised_at__isnull=True,
    ).values_list("pk", flat=True)
    return sum(deliver(pk, now) for pk in list(pending))
