"""The editor-built questions of an event as columns, for mails, the admin and exports."""

from django.conf import settings
from django.utils.translation import gettext as _

from .models import RegistrationField


def question_columns(event_key, language=None):
    """(key, label) of every question, labelled in `language` where the event is translated.
    Keys are those of the source language, so every language's answers share the columns."""
    language = language or settings.LANGUAGE_CODE
    fields = list(
        RegistrationField.objects.filter(page__translation_key=event_key)
        .filter(page__locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("sort_order", "pk")
    )
    labels = {}
    order = []
    for field in fields:
        if field.clean_name not in labels:
            order.append(field.clean_name)
        if field.clean_name not in labels or field.locale.language_code == language:
            labels[field.clean_name] = field.label
    return [(key, labels[key]) for key in order]


def display_value(value):
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if value is None:
        return ""
    return str(value)


def answer_rows(registration, columns):
    return [(label, display_value(registration.form_data.get(key))) for key, label in columns]
