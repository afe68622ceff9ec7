"""The text of every registration mail, in the registrant's language (the organiser's in the
source language), with the event's calendar entry where it helps."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .answers import answer_rows, question_columns
from .calendar import calendar_bytes
from .models import EventPage
from .models.registrations import MessageKind
from .tokens import manage_token

WITH_CALENDAR = {MessageKind.CONFIRMATION, MessageKind.PROMOTED, MessageKind.REMINDER}


def event_in_language(registration, language):
    pages = EventPage.objects.filter(translation_key=registration.event_key).select_related(
        "locale", "venue"
    )
    by_language = {page.locale.language_code: page for page in pages}
    return (
        by_language.get(language)
        or by_language.get(settings.LANGUAGE_CODE)
        or next(iter(by_language.values()), None)
    )


def manage_url(registration, event):
    with translation.override(registration.language):
        path = reverse("registration_manage", args=[manage_token(registration)])
    return urljoin(event.get_site().root_url, path)


def compose(message):
    """The mail for one outbox entry, or None when there is nobody to send it to."""
    registration = message.registration
    organiser_mail = message.kind == MessageKind.ORGANISER
    language = settings.LANGUAGE_CODE if organiser_mail else registration.language
    event = event_in_language(registration, language)
    if event is None:
        return None
    rules = event.registration_rules
    recipient = rules.organiser_email if organiser_mail else registration.email
    if not recipient:
        return None
    with translation.override(language):
        context = {
            "registration": registration,
            "event": event,
            "event_url": event.get_full_url(),
            "manage_url": manage_url(registration, event),
        }
        if organiser_mail:
            context["answers"] = answer_rows(
                registration, question_columns(registration.event_key, language)
            )
        template = f"conferences/mail/{message.kind}"
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
        email = EmailMessage(
            subject=subject,
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient],
            reply_to=[rules.organiser_email]
            if rules.organiser_email and not organiser_mail
            else None,
        )
        if message.kind in WITH_CALENDAR:
            email.attach(f"{event.slug}.ics", calendar_bytes([event], event.title), "text/calendar")
    return email
