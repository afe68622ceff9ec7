"""How changes of a source page reach its translations.

- Publishing the German page changes nothing in the other languages. A translation is a page
  of its own; it follows the source only when someone syncs ("Sync translated pages") or
  publishes it from its translation editor.
- A sync keeps the translation of every string whose German text is unchanged. A string whose
  German text changed counts as untranslated: the translation editor lists it as such, and the
  previous translation is still in the PO download, as an obsolete entry, for reference.
- A sync never publishes a page that would show German text in another language, nor one the
  person syncing may not publish. With "Publish immediately" a translation is published when
  all its strings are translated and the person syncing may publish it. Otherwise it gets a
  draft with the new structure (German text where a translation is missing), its live version
  stays online unchanged, and its translation editor shows what is left to translate. Without
  "Publish immediately" every translation gets such a draft.
- A translation converted to a manual one ("Stop Synced translation") is left alone by syncs
  and by publishing the source. "Start Synced translation" brings it back under sync; its next
  publish then replaces manual edits with the synced strings.
- Overrides of synchronised fields made in the translation editor (another image, another
  link target) survive syncs; synchronised fields without an override follow the source.
- Machine translation during a sync fills only strings that have no translation yet. Strings
  filled by the development dummy count as untranslated, so a sync never publishes them.
"""

import enum
import logging
from dataclasses import dataclass

import requests
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.views.edit_translation import (
    apply_machine_translation,
    user_can_edit_instance,
)

from .machine import DUMMY_MARKER

logger = logging.getLogger(__name__)

# What a machine translator raises when its service fails: wagtail-localize's DeepL translator
# reads the JSON of any answer, so a refused key or an exhausted quota ends in a KeyError.
MACHINE_TRANSLATION_ERRORS = (requests.RequestException, KeyError, ValueError)


class MachineTranslationFailed(Exception):
    pass


class Outcome(enum.Enum):
    PUBLISHED = "published"
    DRAFT = "draft"
    # Publishing was asked for; the translation got a draft instead.
    UNTRANSLATED = "untranslated"
    NOT_PERMITTED = "not_permitted"
    INVALID = "invalid"


@dataclass(frozen=True)
class SyncResult:
    translation: Translation
    target: object
    outcome: Outcome
    errors: tuple = ()


def untranslated_strings(translation):
    """The source's strings without a usable translation into the translation's locale."""
    return (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
    )


def dummy_translated_strings(translation):
    current = StringSegment.objects.filter(
        source_id=translation.source_id,
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    )
    return StringTranslation.objects.filter(
        Exists(current), locale_id=translation.target_locale_id, data__startswith=DUMMY_MARKER
    )


def is_complete(translation):
    """Whether publishing would show no source-language text: every string is translated, not
    by the dummy, and every related snippet exists in the target language (wagtail-localize
    would keep the snippet the page had before)."""
    if untranslated_strings(translation).exists():
        return False
    if dummy_translated_strings(translation).exists():
        return False
    return all(
        segment.object.has_translation(translation.target_locale)
        for segment in translation.source.relatedobjectsegment_set.select_related("object")
    )


def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if isinstance(instance, DraftStateMixin):
        return user.has_perm(get_permission_name("publish", type(instance)))
    return user_can_edit_instance(user, instance)


def save_draft(translation, user):
    """A new draft revision of the target from the current source and translations, German
    where a translation is missing. Unlike `Translation.save_target(publish=False)`, which
    saves the page row and so changes the live page, this leaves the live version alone.
    Models without drafts have nothing to save."""
    target = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    if isinstance(target, Page):
        # As save_target does: locale roots share a parent, so a translated slug may collide.
        target.slug = find_available_slug(
            target.get_parent(), slugify(target.slug), ignore_page_id=target.pk
        )
    if isinstance(target, DraftStateMixin):
        target.save_revision(user=user)
    if isinstance(target, Page):
        translation.source.update_target_view_restrictions(translation.target_locale)


def machine_translate(translation, user, translator):
    """Fills the untranslated strings; True if there were any. Raises MachineTranslationFailed
    when the service fails, with nothing stored."""
    try:
        return apply_machine_translation(translation.pk, user, translator)
    except MACHINE_TRANSLATION_ERRORS as error:
        logger.warning("Machine translation of %s failed: %r", translation, error)
        raise MachineTranslationFailed(str(error)) from error


def sync_translation(translation, user, publish):
    """Brings one enabled translation up to date with its (already refreshed) source."""
    target = translation.get_target_instance()
    if not publish:
        outcome = Outcome.DRAFT
    elif not is_complete(translation):
        outcome = Outcome.UNTRANSLATED
    elif not may_publish(user, target):
        outcome = Outcome.NOT_PERMITTED
    else:
        outcome = Outcome.PUBLISHED
    try:
        with transaction.atomic():
            if outcome is Outcome.PUBLISHED:
                translation.save_target(user=user, publish=True)
            else:
                save_draft(translation, user)
    except ValidationError as error:
        return SyncResult(translation, target, Outcome.INVALID, tuple(error.messages))
    return SyncResult(translation, target, outcome)


def sync_source(source, user, publish=False, translator=None):
    """Refreshes the source from the database and syncs its enabled translations, machine
    translating new strings first when a translator is given. Returns the SyncResults and
    the translations whose machine translation failed."""
    source.update_from_db()
    translations = list(source.translations.filter(enabled=True).select_related("target_locale"))
    failed_machine_translations = []
    if translator is not None:
        for translation in translations:
            try:
                machine_translate(translation, user, translator)
            except MachineTranslationFailed:
                failed_machine_translations.append(translation)
    results = [sync_translation(translation, user, publish) for translation in translations]
    return results, failed_machine_translations
