"""Registering for an event: seats, waiting list, cancellation, mails and the public pages."""

import datetime
import json
import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form, register_field_strategy
from hypothesis.provisional import urls
from wagtail.compat import URLField
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from conferences import capacity
from conferences.models import (
    EventPage,
    Registration,
    RegistrationField,
    RegistrationMessage,
    RegistrationStatus,
)
from conferences.outbox import retry_pending_messages
from conferences.registration_form import STAMP_SALT
from conferences.tokens import manage_token
from tests.conftest import QUERY_BUDGET, page_in

pytestmark = pytest.mark.django_db

# Wagtail's URL form field is its own subclass, unknown to hypothesis.
register_field_strategy(URLField, urls())


def stamp(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=STAMP_SALT)


@pytest.fixture
def event(demo_site):
    return page_in("de", "kick-off-herbst")


@pytest.fixture
def english_event(event):
    return event.get_translation(Locale.objects.get(language_code="en"))


def key(event, german_label):
    return event.registration_fields.get(label=german_label).clean_name


def form_data(event, **overrides):
    data = {
        "email": "anna@example.org",
        key(event, "Name"): "Anna Beispiel",
        key(event, "Kommune oder Organisation"): "Gütersloh",
        key(event, "Größe der Kommune"): "unter 20.000 Einwohner",
        "privacy_consent": "on",
        "form_started": stamp(),
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def set_rules(event, **rules):
    EventPage.objects.filter(pk=event.pk).update(**rules)
    return EventPage.objects.get(pk=event.pk).specific


def register(event, email, language="de"):
    return capacity.register(
        event, email=email, answers={}, language=language, privacy_policy_version="1/1"
    )


def status_of(response):
    main = BeautifulSoup(response.content, "html.parser").select_one("main")
    return main.get("data-registration-status")


# --- the capacity service ---------------------------------------------------------------


def test_registrations_are_confirmed_up_to_the_capacity_then_waitlisted(event):
    event = set_rules(event, capacity=2)
    statuses = [register(event, f"p{n}@example.org").status for n in range(4)]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert capacity.availability(event).state == capacity.State.WAITLIST


def test_without_waiting_list_a_full_event_refuses_further_registrations(event):
    event = set_rules(event, capacity=1, waitlist_enabled=False)
    register(event, "first@example.org")
    with pytest.raises(capacity.EventFull):
        register(event, "second@example.org")
    assert Registration.objects.filter(event_key=event.translation_key).count() == 1


def test_the_same_email_cannot_register_twice_whatever_its_case(event):
    register(event, "Anna@Example.org")
    with pytest.raises(capacity.AlreadyRegistered):
        register(event, "anna@EXAMPLE.org")
    assert Registration.objects.filter(event_key=event.translation_key).count() == 1


def test_someone_who_cancelled_may_register_again(event):
    registration = register(event, "anna@example.org")
    capacity.cancel(registration)
    again = register(event, "anna@example.org")
    assert again.status == RegistrationStatus.CONFIRMED


def test_german_and_english_registrations_share_the_seats(event, english_event):
    event = set_rules(event, capacity=2)
    register(event, "de@example.org", "de")
    register(english_event, "en@example.org", "en")
    assert capacity.availability(event).remaining == 0
    assert capacity.availability(english_event).remaining == 0
    assert register(english_event, "late@example.org", "en").status == "waitlisted"


def test_the_source_language_sets_the_rules_for_every_translation(event, english_event):
    set_rules(event, capacity=1)
    set_rules(english_event, capacity=100)
    english_event = EventPage.objects.get(pk=english_event.pk)
    register(english_event, "en@example.org", "en")
    assert capacity.availability(english_event).state == capacity.State.WAITLIST


def test_registration_closes_at_the_deadline_or_when_the_event_starts(event):
    deadline = timezone.now() + datetime.timedelta(days=1)
    event = set_rules(event, registration_closes_at=deadline)
    assert capacity.availability(event, now=deadline).state == capacity.State.CLOSED
    with pytest.raises(capacity.RegistrationClosed):
        capacity.register(
            event, email="x@example.org", answers={}, language="de",
            privacy_policy_version="", now=deadline,
        )  # fmt: skip
    event = set_rules(event, registration_closes_at=None)
    assert capacity.availability(event, now=event.start).state == capacity.State.CLOSED


def test_registration_is_not_open_before_the_opening_time(event):
    event = set_rules(event, registration_opens_at=timezone.now() + datetime.timedelta(days=2))
    assert capacity.availability(event).state == capacity.State.NOT_YET_OPEN
    with pytest.raises(capacity.RegistrationClosed):
        register(event, "early@example.org")


def test_a_cancelled_event_takes_no_registrations(event):
    event = set_rules(event, status="cancelled")
    assert capacity.availability(event).state == capacity.State.CLOSED


def test_waitlisted_registrant_is_promoted_when_a_seat_frees(
    event, django_capture_on_commit_callbacks
):
    event = set_rules(event, capacity=1)
    first = register(event, "first@example.org")
    waiting = register(event, "waiting@example.org", "en")
    later = register(event, "later@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = capacity.cancel(first)
    assert promoted == [waiting]
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (waiting.status, later.status) == ("confirmed", "waitlisted")
    promotion = next(m for m in mail.outbox if m.to == ["waiting@example.org"])
    assert promotion.subject.startswith("A place is free for you")
    assert promotion.attachments[0][2] == "text/calendar"


def test_adding_seats_moves_waiting_people_up_when_the_page_is_published(event):
    event = set_rules(event, capacity=1)
    register(event, "first@example.org")
    waiting = register(event, "waiting@example.org")
    event.capacity = 2
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_cancelling_twice_is_refused(event):
    registration = register(event, "anna@example.org")
    capacity.cancel(registration)
    with pytest.raises(capacity.AlreadyCancelled):
        capacity.cancel(registration)


# --- the public pages ------------------------------------------------------------------


def test_event_page_shows_the_seats_left_in_both_languages(client, event, english_event):
    event = set_rules(event, capacity=12)
    german = BeautifulSoup(client.get(event.url).content, "html.parser")
    english = BeautifulSoup(client.get(english_event.url).content, "html.parser")
    assert german.select_one(".seats").get_text() == "Noch 12 Plätze frei"
    assert english.select_one(".seats").get_text() == "12 places left"
    assert german.select_one("#register form input[name=email]")


def test_full_event_offers_the_waiting_list_and_a_closed_one_says_so(client, event):
    event = set_rules(event, capacity=1)
    register(event, "first@example.org")
    section = BeautifulSoup(client.get(event.url).content, "html.parser").select_one("#register")
    assert section["data-registration-state"] == "waitlist"
    assert section.select_one("form")
    set_rules(event, registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    section = BeautifulSoup(client.get(event.url).content, "html.parser").select_one("#register")
    assert section["data-registration-state"] == "closed"
    assert not section.select_one("form")


def test_event_json_ld_carries_capacity_and_a_free_offer(client, event):
    event = set_rules(event, capacity=12)
    register(event, "first@example.org")
    html = BeautifulSoup(client.get(event.url).content, "html.parser")
    data = json.loads(html.select_one("script[type='application/ld+json']").string)
    assert data["maximumAttendeeCapacity"] == 12
    assert data["remainingAttendeeCapacity"] == 11
    assert data["offers"]["price"] == 0
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_a_municipality_registers_through_the_german_page(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, form_data(event))
    assert status_of(response) == "confirmed"
    registration = Registration.objects.get(email="anna@example.org")
    assert registration.language == "de"
    assert registration.form_data[key(event, "Kommune oder Organisation")] == "Gütersloh"
    assert registration.consent_at is not None
    assert registration.privacy_policy_version  # the demo site links its privacy page
    confirmation = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert confirmation.subject == f"Anmeldung bestätigt: {event.title}"
    assert manage_token(registration) in confirmation.body
    name, content, mimetype = confirmation.attachments[0]
    assert mimetype == "text/calendar" and "BEGIN:VEVENT" in str(content)
    organiser = next(m for m in mail.outbox if m.to == ["veranstaltungen@example.org"])
    assert "Gütersloh" in organiser.body


def test_english_registration_stores_the_german_choice_and_mails_in_english(
    client, event, english_event, django_capture_on_commit_callbacks
):
    html = BeautifulSoup(client.get(english_event.url).content, "html.parser")
    size_key = key(event, "Größe der Kommune")
    first_choice = html.select_one(f"input[name={size_key}]")
    assert first_choice.find_parent("label").get_text(strip=True) == "under 20,000 inhabitants"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            english_event.url, form_data(event, **{size_key: first_choice["value"]})
        )
    assert status_of(response) == "confirmed"
    registration = Registration.objects.get(email="anna@example.org")
    assert registration.form_data[size_key] == "unter 20.000 Einwohner"
    assert registration.language == "en"
    confirmation = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert confirmation.subject == f"Registration confirmed: {english_event.title}"
    assert "/en/registration/" in confirmation.body


def test_a_second_registration_with_the_same_email_gets_a_clear_message(client, event):
    client.post(event.url, form_data(event))
    response = client.post(event.url, form_data(event, email="ANNA@example.org"))
    assert status_of(response) == "rejected"
    assert "bereits angemeldet" in response.content.decode()
    assert Registration.objects.count() == 1


def test_full_event_without_waiting_list_refuses_clearly(client, event):
    event = set_rules(event, capacity=0, waitlist_enabled=False)
    response = client.post(event.url, form_data(event))
    assert status_of(response) == "rejected"
    assert not Registration.objects.exists()


def test_registration_after_the_deadline_shows_the_closed_page(client, event):
    set_rules(event, registration_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.post(event.url, form_data(event))
    assert status_of(response) == "closed"
    assert not Registration.objects.exists()


def test_missing_answers_show_the_form_again_with_what_was_typed(client, event):
    response = client.post(event.url, form_data(event, email="not-an-address"))
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("#form-errors")
    assert html.select_one(f"input[name={key(event, 'Name')}]")["value"] == "Anna Beispiel"
    assert not Registration.objects.exists()


def test_oversized_answers_are_refused_with_a_message(client, event):
    needs = key(event, "Was brauchen Sie, um gut teilnehmen zu können?")
    response = client.post(event.url, form_data(event, **{needs: "x" * 6000}))
    html = BeautifulSoup(response.content, "html.parser")
    assert "höchstens 5000 Zeichen" in html.select_one("#form-errors").get_text()
    assert not Registration.objects.exists()


# --- abuse protection ------------------------------------------------------------------


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(client, event):
    response = client.post(event.url, form_data(event, website="http://spam.example"))
    assert BeautifulSoup(response.content, "html.parser").select_one("#form-errors")
    assert not Registration.objects.exists()


def test_a_form_sent_faster_than_a_person_can_type_is_shown_again(client, event):
    response = client.post(event.url, form_data(event, form_started=stamp(seconds_ago=0)))
    html = BeautifulSoup(response.content, "html.parser")
    assert html.select_one("#form-errors")
    fresh = html.select_one("input[name=form_started]")["value"]
    assert fresh != "" and not Registration.objects.exists()


def test_a_forged_form_stamp_is_refused(client, event):
    response = client.post(event.url, form_data(event, form_started="forged"))
    assert BeautifulSoup(response.content, "html.parser").select_one("#form-errors")
    assert not Registration.objects.exists()


@override_settings(REGISTRATION_RATE_LIMIT="2/m")
def test_too_many_registrations_from_one_address_are_slowed_down(client, event):
    for n in range(2):
        client.post(event.url, form_data(event, email=f"p{n}@example.org"))
    response = client.post(event.url, form_data(event, email="third@example.org"))
    assert response.status_code == 429
    assert status_of(response) == "rejected"
    assert Registration.objects.count() == 2


@override_settings(REGISTRATION_RATE_LIMIT="0")
def test_the_rate_limit_can_be_switched_off(client, event):
    for n in range(12):
        client.post(event.url, form_data(event, email=f"p{n}@example.org"))
    assert Registration.objects.count() == 12


# --- the personal link -----------------------------------------------------------------


def test_the_personal_link_shows_the_registration_and_cancels_it(client, event):
    registration = register(event, "anna@example.org")
    url = f"/de/registration/{manage_token(registration)}/"
    page = client.get(url)
    assert "anna@example.org" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED  # GET changes nothing
    cancelled = client.post(url)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert BeautifulSoup(cancelled.content, "html.parser").select_one(
        "[data-registration-state=cancelled]"
    )
    again = client.post(url)
    assert "bereits storniert" in again.content.decode()


def test_a_forged_link_gets_a_clear_message(client, event):
    registration = register(event, "anna@example.org")
    token = manage_token(registration)
    response = client.get(f"/en/registration/{token[:-2]}xx/")
    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


# --- mail ------------------------------------------------------------------------------


@override_settings(EMAIL_BACKEND="tests.failing_mail.UnreachableSMTPBackend")
def test_registration_survives_a_mail_server_outage_and_the_mail_follows_later(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, form_data(event))
    assert status_of(response) == "confirmed"
    registration = Registration.objects.get(email="anna@example.org")
    pending = RegistrationMessage.objects.get(registration=registration, kind="confirmation")
    assert pending.sent_at is None and pending.attempts == 1
    assert "SMTPConnectError" in pending.last_error
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        assert retry_pending_messages() == 2  # the confirmation and the organiser's notice
    pending.refresh_from_db()
    assert pending.sent_at is not None
    assert [m.to for m in mail.outbox].count(["anna@example.org"]) == 1


def test_a_message_is_never_sent_twice(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "anna@example.org")
    sent = len(mail.outbox)
    assert retry_pending_messages() == 0
    assert len(mail.outbox) == sent


def test_registrant_values_reach_the_organiser_mail_unaltered(
    client, event, django_capture_on_commit_callbacks
):
    odd = '<script>alert("x")</script> & Ärger =SUM(A1)'
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, form_data(event, **{key(event, "Name"): odd}))
    registration = Registration.objects.get()
    assert registration.form_data[key(event, "Name")] == odd
    organiser = next(m for m in mail.outbox if m.to == ["veranstaltungen@example.org"])
    assert odd in organiser.body


# --- bad input -------------------------------------------------------------------------


EVERY_FIELD_TYPE = [
    ("singleline", ""), ("multiline", ""), ("email", ""), ("number", ""), ("url", ""),
    ("checkbox", ""), ("checkboxes", "Daten\nEnergie\nMobilität"),
    ("dropdown", "klein\nmittel\ngroß"), ("multiselect", "Mo\nDi\nMi"),
    ("radio", "ja\nnein"), ("date", ""), ("datetime", ""), ("hidden", ""),
]  # fmt: skip


@pytest.fixture
def event_with_every_field_type(event):
    event.registration_fields.all().delete()
    for order, (field_type, choices) in enumerate(EVERY_FIELD_TYPE):
        RegistrationField.objects.create(
            page=event, locale_id=event.locale_id, sort_order=order, label=f"Frage {field_type}",
            field_type=field_type, choices=choices, required=order % 2 == 0,
        )  # fmt: skip
    return set_rules(event, capacity=None)


@override_settings(REGISTRATION_RATE_LIMIT="0")
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_input_to_any_field_type_gives_the_form_or_a_result_never_an_error_page(
    event_with_every_field_type, data
):
    event = event_with_every_field_type
    form_class = event.registration_form_class()
    values = dict(data.draw(from_form(form_class)).data)
    values.update(
        data.draw(st.dictionaries(st.sampled_from(sorted(values)), st.text(max_size=300)))
    )
    post = {}
    for name, value in values.items():
        if value is True:
            post[name] = "on"
        elif isinstance(value, list | str):
            post[name] = value
        elif value not in (None, False):
            post[name] = str(value)
    post["form_started"] = stamp()
    response = Client(raise_request_exception=False).post(event.url, post)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    if html.select_one("#form-errors"):
        return
    assert status_of(response) in {"confirmed", "rejected"}
    if status_of(response) == "confirmed":
        form = form_class(post)
        assert form.is_valid()
        stored = Registration.objects.get(email__iexact=form.cleaned_data["email"]).form_data
        assert stored == form.answers()


def test_the_event_page_costs_the_same_queries_however_many_have_registered(client, event):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(event.url)
        return len(captured)

    client.get(event.url)
    before = queries()
    for n in range(40):
        register(event, f"p{n}@example.org")
    assert queries() == before <= QUERY_BUDGET


def test_an_expired_form_gets_a_clear_message_in_the_visitors_language(event):
    response = Client(enforce_csrf_checks=True).post(event.url, form_data(event))
    assert response.status_code == 403
    assert "Das Formular konnte nicht gesendet werden" in response.content.decode()
    assert not Registration.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_an_oversized_submission_is_refused_with_a_message(event):
    data = form_data(event, **{key(event, "Name"): "x" * 20_000})
    response = Client(raise_request_exception=False).post(event.url, data)
    assert response.status_code == 400
    assert "zu groß" in response.content.decode()
    assert not Registration.objects.exists()


def edit_form(event, user, extra_question):
    """The admin's edit form of an event, as posted with one question added."""
    questions = [
        {"id": f.pk, "label": f.label, "field_type": f.field_type, "required": f.required,
         "choices": f.choices, "default_value": "", "help_text": f.help_text}
        for f in event.registration_fields.all()
    ] + [{"label": extra_question, "field_type": "singleline", "required": False,
          "choices": "", "default_value": "", "help_text": ""}]  # fmt: skip
    data = nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "start": event.start.strftime("%Y-%m-%d %H:%M"),
            "end": event.end.strftime("%Y-%m-%d %H:%M"),
            "status": "scheduled",
            "attendance_mode": "online",
            "organiser": event.organiser,
            "description": rich_text(""),
            "programme": streamfield([]),
            "documentation": streamfield([]),
            "related_pages": streamfield([]),
            "registration_enabled": "on",
            "capacity": "30",
            "retention_days": "30",
            "registration_fields": inline_formset(questions),
        }
    )
    form_class = type(event).get_edit_handler().get_form_class()
    return form_class(data, instance=event, for_user=user, parent_page=event.get_parent())


def test_an_editor_cannot_add_a_second_email_or_consent_field(event, editor):
    form = edit_form(event, editor, "Email")
    assert not form.is_valid()
    added = form.formsets["registration_fields"].forms[-1]
    assert "Dieses Feld hat jedes Formular bereits" in str(added.errors["label"])
    assert edit_form(event, editor, "Telefonnummer").is_valid()
