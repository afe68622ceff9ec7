"""Replacements for wagtail-localize's views whose behaviour loses or hides work, served at
their URLs (localisation/urls.py): PO upload (pofiles.py), machine translation and sync
(sync.py)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import DraftStateMixin
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import user_can_edit_instance
from wagtail_localize.views.update_translations import (
    UpdateTranslationsForm,
    UpdateTranslationsView,
)

from .pofiles import RejectedPOFile, import_po_file
from .sync import MachineTranslationFailed, Outcome, machine_translate, sync_source


def _back_to_editor(request):
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def _machine_translation_failed(request, translator, translation=None):
    message = _("Machine translation with %(translator)s failed; nothing was translated.") % {
        "translator": translator.display_name
    }
    if translation is not None:
        message = f"{translation.target_locale.get_display_name()}: {message}"
    messages.error(request, message)


@require_POST
def upload_pofile(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    try:
        translated = import_po_file(translation, request.FILES.get("file"), request.user)
    except RejectedPOFile as rejection:
        messages.error(request, rejection.message)
    else:
        if translated:
            messages.success(request, _("Successfully imported translations from PO File."))
        else:
            messages.warning(request, _("The PO file contains no translations."))
    return _back_to_editor(request)


@require_POST
def machine_translate_view(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    try:
        translated = machine_translate(translation, request.user, translator)
    except MachineTranslationFailed:
        _machine_translation_failed(request, translator)
    else:
        if translated:
            messages.success(
                request,
                _("Successfully translated with {}.").format(translator.display_name),
            )
        else:
            messages.warning(request, _("There isn't anything left to translate."))
    return _back_to_editor(request)


class SyncTranslationsForm(UpdateTranslationsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_translations"].help_text = gettext_lazy(
            "Publishes each translation that has no untranslated text, if you may publish it. "
            "The others stay online as they are until they are translated and published; "
            "pages among them get a draft with the changes."
        )


class SyncTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages" with the policy of sync.py."""

    def get_form(self):
        return SyncTranslationsForm(self.request.POST if self.request.method == "POST" else None)

    @transaction.atomic
    def form_valid(self, form):
        translator = None
        if form.cleaned_data.get("use_machine_translation"):
            translator = get_machine_translator()
        results, failed = sync_source(
            self.object,
            self.request.user,
            publish=form.cleaned_data["publish_translations"],
            translator=translator,
        )
        enabled_translations = [result.translation for result in results]
        self.components.save(
            self.object, sources_and_translations={self.object: enabled_translations}
        )

        messages.success(self.request, self.get_success_message())
        for translation in failed:
            _machine_translation_failed(self.request, translator, translation)
        for result in results:
            message = _sync_message(result)
            if result.outcome is Outcome.INVALID:
                messages.error(self.request, message)
            elif message:
                messages.warning(self.request, message)
        return redirect(self.get_success_url() or self.get_default_success_url())


def _sync_message(result):
    details = {
        "title": str(result.target),
        "locale": result.translation.target_locale.get_display_name(),
        "errors": " ".join(result.errors),
    }
    has_draft = isinstance(result.target, DraftStateMixin)
    if result.outcome is Outcome.UNTRANSLATED and has_draft:
        message = _(
            "'%(title)s' in %(locale)s has text that is not translated yet, so it was not "
            "published: its draft has the changes, and its translation editor shows what is left."
        )
    elif result.outcome is Outcome.UNTRANSLATED:
        message = _(
            "'%(title)s' in %(locale)s has text that is not translated yet, so it was not "
            "updated: its translation editor shows what is left."
        )
    elif result.outcome is Outcome.NOT_PERMITTED and has_draft:
        message = _("You may not publish '%(title)s' in %(locale)s: its draft has the changes.")
    elif result.outcome is Outcome.NOT_PERMITTED:
        message = _("You may not change '%(title)s' in %(locale)s, so it was not updated.")
    elif result.outcome is Outcome.INVALID:
        message = _("'%(title)s' in %(locale)s could not be updated: %(errors)s")
    else:
        return None
    return message % details
