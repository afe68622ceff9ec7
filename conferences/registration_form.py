"""The public registration form: the editor's questions between a fixed email field and the
consent, plus two quiet checks against bots (a honeypot and a minimum fill time)."""

import contextlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm

from home.forms import CONSENT_FIELD, ConsentFormBuilder

EMAIL_FIELD = "email"
HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
STAMP_SALT = "conferences.registration.started"
BOT_CHECK_FAILED = _(
    "Your registration could not be sent yet. Please check your details and send the form again."
)


class HoneypotInput(forms.TextInput):
    """A field people never see (hidden by the stylesheet) and bots fill in."""


def form_stamp():
    return signing.dumps(time.time(), salt=STAMP_SALT)


class RegistrationForm(BaseForm):
    def clean(self):
        cleaned_data = super().clean()
        started = None
        with contextlib.suppress(signing.BadSignature, TypeError, ValueError):
            stamp = self.data.get(self.add_prefix(STARTED_FIELD), "")
            started = float(signing.loads(stamp, salt=STAMP_SALT))
        too_fast = started is None or time.time() - started < settings.REGISTRATION_MIN_FILL_SECONDS
        if cleaned_data.get(HONEYPOT_FIELD) or too_fast:
            # Show the form again, filled in, with a fresh stamp: a person simply sends it again.
            self.data = self.data.copy()
            self.data[self.add_prefix(STARTED_FIELD)] = form_stamp()
            self.data[self.add_prefix(HONEYPOT_FIELD)] = ""
            raise forms.ValidationError(BOT_CHECK_FAILED, code="bot_check")
        return cleaned_data

    def answers(self):
        """The editor's questions and their answers, JSON-ready, keyed by the stable keys."""
        fixed = {EMAIL_FIELD, CONSENT_FIELD, HONEYPOT_FIELD, STARTED_FIELD}
        return {
            name: _json_ready(value)
            for name, value in self.cleaned_data.items()
            if name not in fixed
        }


def _json_ready(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


class RegistrationFormBuilder(ConsentFormBuilder):
    reserved_names = ConsentFormBuilder.reserved_names | {
        EMAIL_FIELD,
        HONEYPOT_FIELD,
        STARTED_FIELD,
    }

    @property
    def formfields(self):
        questions = super().formfields
        fields = {
            EMAIL_FIELD: forms.EmailField(
                label=_("Email address"),
                help_text=_("We send your confirmation and your personal cancellation link here."),
                max_length=254,
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                error_messages={"required": _("Please enter your email address.")},
            )
        }
        fields.update(questions)
        fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,
            widget=HoneypotInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        fields[STARTED_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=form_stamp
        )
        return fields

    def get_form_class(self):
        return type("RegistrationForm", (RegistrationForm,), self.formfields)
