from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.contrib.forms.forms import FormBuilder, WagtailAdminFormPageForm
from wagtail.models import TranslatableMixin

CONSENT_FIELD = "privacy_consent"
MAX_TEXT_LENGTH = 5000


def source_fields(fields):
    """The source-language version of each field with choices, by translation key: a
    translated label shows the visitor's language while the stored value stays the source's,
    so answers from every language can be counted together."""
    fields = list(fields)
    if not fields:
        return {}
    model = type(fields[0])
    with_choices = [f.translation_key for f in fields if f.choices]
    if not with_choices:
        return {}
    sources = model.objects.filter(
        translation_key__in=with_choices, locale__language_code=settings.LANGUAGE_CODE
    ).only("translation_key", "choices")
    return {source.translation_key: source for source in sources}


class ConsentFormBuilder(FormBuilder):
    """Editor-built forms plus a consent checkbox that editors cannot remove (DSGVO Art. 7)."""

    reserved_names = {CONSENT_FIELD}

    def __init__(self, fields, *, in_source_language=False):
        fields = list(fields)
        super().__init__(fields)
        self.source_fields = {} if in_source_language else source_fields(fields)

    def create_email_field(self, field, options):
        formfield = super().create_email_field(field, options)
        formfield.widget.attrs["autocomplete"] = "email"
        return formfield

    def create_multiline_field(self, field, options):
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": "5"}), max_length=MAX_TEXT_LENGTH, **options
        )

    def create_number_field(self, field, options):
        # Bounded, so an absurd number is refused with a message instead of being stored.
        return forms.DecimalField(max_digits=15, decimal_places=4, **options)

    def create_date_field(self, field, options):
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **options)

    def get_formatted_field_choices(self, field):
        labels = [label for _value, label in super().get_formatted_field_choices(field)]
        source = self.source_fields.get(field.translation_key, field)
        values = [value for value, _label in super().get_formatted_field_choices(source)]
        if len(values) != len(labels):
            # A translation that lost or added a choice must not store an unknown value.
            labels = values
        return list(zip(values, labels, strict=True))

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


class SourceLanguageChoicesMixin:
    """Lists of translatable snippets and pages (topics, events) offer the source-language
    objects only: translations keep pointing at the source's choices, and pages show them in
    the visitor's language, so a choice made once holds for every language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, TranslatableMixin):
                field.queryset = queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


class SourceLanguageChoicesPageForm(SourceLanguageChoicesMixin, WagtailAdminPageForm):
    pass


class FormPageAdminForm(SourceLanguageChoicesMixin, WagtailAdminFormPageForm):
    """Refuses editor fields whose key would clash with a field every form always has."""

    def clean(self):
        cleaned_data = super().clean()
        reserved = self.instance.form_builder.reserved_names
        for formset in self.formsets.values():
            if not hasattr(formset.model, "clean_name"):
                continue
            for form in formset.forms:
                field = form.instance
                if not field.label or getattr(form, "cleaned_data", {}).get("DELETE"):
                    continue
                if (field.clean_name or field.get_field_clean_name()) in reserved:
                    form.add_error(
                        "label",
                        ValidationError(
                            _("Every form already has this field; choose another label.")
                        ),
                    )
        return cleaned_data
