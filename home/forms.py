from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder

CONSENT_FIELD = "privacy_consent"


class ConsentFormBuilder(FormBuilder):
    """Editor-built forms plus a consent checkbox that editors cannot remove (DSGVO Art. 7)."""

    def create_email_field(self, field, options):
        formfield = super().create_email_field(field, options)
        formfield.widget.attrs["autocomplete"] = "email"
        return formfield

    def create_date_field(self, field, options):
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **options)

    @property
    def formfields(self):
        fields = super().formfields
        fields[CONSENT_FIELD] = forms.BooleanField(
            label=_("I consent to my details being processed to handle this request"),
            help_text=_("Details in the privacy policy. You can withdraw consent at any time."),
            required=True,
            error_messages={"required": _("Please give your consent so we can process this.")},
        )
        return fields
