"""The periodic registration work: reminders, retried mails and deleting personal data."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from conferences import capacity
from conferences.jobs import ORPHAN_RETENTION_DAYS, anonymise_expired_registrations
from conferences.models import EventPage, Registration, RegistrationMessage
from conferences.outbox import deliver, retry_delay
from conferences.tokens import manage_token
from tests.conftest import page_in
from tests.test_registrations import set_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(demo_site):
    return page_in("de", "kick-off-herbst")


def register(event, email, language="de", answers=None):
    return capacity.register(
        event,
        email=email,
        answers=answers or {"name": "Anna"},
        language=language,
        privacy_policy_version="1/1",
    )


def run_jobs():
    out = io.StringIO()
    call_command("run_registration_jobs", stdout=out)
    return out.getvalue()


def test_confirmed_people_get_one_reminder_in_their_language(
    event, django_capture_on_commit_callbacks
):
    english = event.get_translations().get(locale__language_code="en").specific
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "de@example.org")
        register(english, "en@example.org", "en")
    mail.outbox.clear()
    two_days_before = event.start - datetime.timedelta(days=2)
    with time_machine.travel(two_days_before, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert "2 reminders queued" in run_jobs()
        with django_capture_on_commit_callbacks(execute=True):
            assert "0 reminders queued" in run_jobs()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "de@example.org": f"Erinnerung: {event.title}",
        "en@example.org": f"Reminder: {english.title}",
    }


def test_no_reminder_weeks_before_the_event_or_for_the_waiting_list(event):
    event = set_rules(event, capacity=1)
    register(event, "seat@example.org")
    register(event, "waiting@example.org")
    with time_machine.travel(event.start - datetime.timedelta(days=20), tick=False):
        assert "0 reminders queued" in run_jobs()
    with time_machine.travel(event.start - datetime.timedelta(days=1), tick=False):
        assert "1 reminders queued" in run_jobs()
    assert RegistrationMessage.objects.filter(kind="reminder").get().registration.email == (
        "seat@example.org"
    )


def test_personal_data_is_anonymised_after_the_retention_period(event, client):
    event = set_rules(event, retention_days=30)
    registration = register(event, "anna@example.org", answers={"name": "Anna Beispiel"})
    link = f"/de/registration/{manage_token(registration)}/"
    with time_machine.travel(event.end + datetime.timedelta(days=29), tick=False):
        assert "0 registrations anonymised" in run_jobs()
    with time_machine.travel(event.end + datetime.timedelta(days=30, minutes=1), tick=False):
        assert "1 registrations anonymised" in run_jobs()
    registration.refresh_from_db()
    assert (registration.email, registration.form_data) == ("", {})
    assert registration.status == "confirmed"  # the statistics keep the seat
    assert not RegistrationMessage.objects.filter(registration=registration).exists()
    response = client.get(link)
    assert response.status_code == 410
    assert "anna@example.org" not in response.content.decode()


def test_each_event_keeps_its_own_retention_period(event):
    other = page_in("de", "werkstatt-datenplattformen")
    set_rules(event, retention_days=1)
    set_rules(other, retention_days=365)
    register(EventPage.objects.get(pk=event.pk), "a@example.org")
    register(EventPage.objects.get(pk=other.pk), "b@example.org")
    later = max(event.end, other.end) + datetime.timedelta(days=2)
    assert anonymise_expired_registrations(now=later) == 1
    assert Registration.objects.get(email="b@example.org")


def test_registrations_of_a_deleted_event_do_not_stay_forever(event):
    registration = register(event, "anna@example.org")
    key = event.translation_key
    for page in EventPage.objects.filter(translation_key=key):
        page.delete()
    now = timezone.now()
    assert anonymise_expired_registrations(now=now) == 0
    later = now + datetime.timedelta(days=ORPHAN_RETENTION_DAYS, minutes=1)
    assert anonymise_expired_registrations(now=later) == 1
    registration.refresh_from_db()
    assert registration.anonymised_at is not None


@override_settings(
    EMAIL_BACKEND="tests.failing_mail.UnreachableSMTPBackend",
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
)
def test_a_failed_mail_is_retried_later_by_the_task_worker(event):
    from django_tasks import default_task_backend

    registration = register(event, "anna@example.org")
    message = RegistrationMessage.objects.get(registration=registration, kind="confirmation")
    now = timezone.now()
    assert deliver(message.pk, now=now) is False
    retry = default_task_backend.results[-1]
    assert retry.task.run_after == now + retry_delay(1)
    assert retry.args == [message.pk]
    message.refresh_from_db()
    assert (message.attempts, message.sent_at) == (1, None)
