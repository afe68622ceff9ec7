"""The translation state of every source-language page in every other locale.

A report page costs the same few flat queries whatever the number of pages: the translated
pages, wagtail-localize's translations, and the segment counts of their sources (what
`Translation.get_progress` counts per translation) aggregated for all of them at once. The
states are worked out here in Python: as per-row SQL subqueries they made PostgreSQL's JIT
compile for seconds once a site has a few hundred pages. A locale added in the admin becomes a
column without code: every function takes the locales to report on.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation

_NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class State(models.TextChoices):
    MISSING = "missing", _("Missing")
    IN_PROGRESS = "in_progress", _("In progress")
    OUTDATED = "outdated", _("Outdated")
    UP_TO_DATE = "up_to_date", _("Up to date")
    MANUAL = "manual", _("Manual")
    MANUAL_OUTDATED = "manual_outdated", _("Manual, outdated")


# What the report's state filter offers, and the cell states each choice finds: an outdated
# page needs a look whether wagtail-localize manages it or not.
STATE_FILTERS = {
    State.MISSING: {State.MISSING},
    State.IN_PROGRESS: {State.IN_PROGRESS},
    State.OUTDATED: {State.OUTDATED, State.MANUAL_OUTDATED},
    State.UP_TO_DATE: {State.UP_TO_DATE},
    State.MANUAL: {State.MANUAL, State.MANUAL_OUTDATED},
}
STATE_FILTER_CHOICES = [(state.value, state.label) for state in STATE_FILTERS]


def content_changed_at(page):
    """When the content wagtail-localize translates last changed. It extracts the source from
    the page row, which holds the live version (drafts live in revisions only), so a draft
    waiting for approval does not make translations outdated; its publication does. A page
    never published has its first draft in the row."""
    return page["last_published_at"] or page["latest_revision_created_at"] or _NEVER


def last_edited_at(page):
    """When anyone last saved or published the page, draft or not."""
    return max(page["latest_revision_created_at"] or _NEVER, page["last_published_at"] or _NEVER)


@dataclass(frozen=True)
class Cell:
    locale: Locale
    state: State
    page_id: int | None = None
    live: bool = False
    # wagtail-localize's source of the translation, for a page translated through it.
    source_id: int | None = None
    total_segments: int | None = None
    translated_segments: int | None = None

    @property
    def exists(self):
        return self.state != State.MISSING

    @property
    def is_synced(self):
        """Managed by wagtail-localize, which shows its translation editor for the page."""
        return self.source_id is not None

    @property
    def percent(self):
        """Translated share of the last synced source, rounded down: 100 only when done."""
        if not self.is_synced:
            return None
        if not self.total_segments:
            return 100
        return self.translated_segments * 100 // self.total_segments


@dataclass(frozen=True)
class StatusRow:
    page: Page
    cells: list[Cell]

    @property
    def outdated_source_id(self):
        """The page's wagtail-localize source when translations of it are outdated: its "Sync
        translated pages" brings them up to date."""
        return next(
            (
                cell.source_id
                for cell in self.cells
                if cell.state == State.OUTDATED and cell.source_id is not None
            ),
            None,
        )


def report_locales():
    """The source locale (settings.LANGUAGE_CODE) and every other locale, in one query."""
    source_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locales = list(Locale.objects.order_by("language_code"))
    source = next(locale for locale in locales if locale.language_code == source_code)
    return source, [locale for locale in locales if locale != source]


def source_pages(source_locale):
    """Every page of the source locale, live or draft, but the locale's root and aliases
    (an alias has no content of its own to translate)."""
    return Page.objects.filter(
        locale=source_locale, depth__gte=2, alias_of__isnull=True
    ).select_related("content_type")


def _translation_keys(pages):
    """The pages' keys, as a subquery where the pages are a whole queryset (thousands of
    keys would not fit a query's parameters)."""
    if isinstance(pages, models.QuerySet) and not pages.query.is_sliced:
        return pages.order_by().values("translation_key")
    return [page.translation_key for page in pages]


def _versions(keys):
    """Every version of the pages by (key, locale), not only in the reported locales: a
    translation's source may be another translation (English translated on into French)."""
    versions = Page.objects.filter(translation_key__in=keys, alias_of__isnull=True).order_by()
    versions = versions.values(
        "pk", "translation_key", "locale_id", "live", "last_published_at",
        "latest_revision_created_at",
    )  # fmt: skip
    return {(version["translation_key"], version["locale_id"]): version for version in versions}


def _synced_translations(keys, locale_ids):
    """wagtail-localize's enabled translations of the pages by (key, target locale)."""
    translations = Translation.objects.filter(
        enabled=True, target_locale_id__in=locale_ids, source__object_id__in=keys
    ).order_by("pk")
    synced = {}
    for translation in translations.values(
        "target_locale_id", "source_id", "source__object_id", "source__locale_id",
        "source__last_updated_at",
    ):  # fmt: skip
        synced.setdefault(
            (translation["source__object_id"], translation["target_locale_id"]), translation
        )
    return translations, synced


def _progress(translations, locale_ids):
    """Segments of the translations' sources by source, and of those the segments translated
    without error by (source, locale): `Translation.get_progress` for all at once."""
    segments = StringSegment.objects.filter(
        source_id__in=translations.values("source_id")
    ).order_by()
    totals = dict(
        segments.values("source_id").annotate(n=Count("pk")).values_list("source_id", "n")
    )
    # One filter() call, so the three conditions hold for the same string translation.
    translated = segments.filter(
        string__translations__locale_id__in=locale_ids,
        string__translations__context_id=F("context_id"),
        string__translations__has_error=False,
    ).values_list("source_id", "string__translations__locale_id")
    done = {(source, locale): n for source, locale, n in translated.annotate(n=Count("pk"))}
    return totals, done


def status_rows(pages, locales):
    """The pages' rows with a cell per locale, in four queries after the pages' own."""
    keys = _translation_keys(pages)
    pages = list(pages)
    locale_ids = [locale.pk for locale in locales]
    versions = _versions(keys)
    translations, synced = _synced_translations(keys, locale_ids)
    totals, done = _progress(translations, locale_ids)

    def cell(page, locale):
        version = versions.get((page.translation_key, locale.pk))
        if version is None:
            return Cell(locale, State.MISSING)
        translation = synced.get((page.translation_key, locale.pk))
        if translation is None:
            source = versions.get((page.translation_key, page.locale_id))
            outdated = source and content_changed_at(source) > last_edited_at(version)
            state = State.MANUAL_OUTDATED if outdated else State.MANUAL
            return Cell(locale, state, version["pk"], version["live"])
        source_id = translation["source_id"]
        total = totals.get(source_id, 0)
        translated = done.get((source_id, locale.pk), 0)
        source = versions.get((page.translation_key, translation["source__locale_id"]))
        if source and content_changed_at(source) > translation["source__last_updated_at"]:
            state = State.OUTDATED
        elif translated >= total:
            state = State.UP_TO_DATE
        else:
            state = State.IN_PROGRESS
        return Cell(locale, state, version["pk"], version["live"], source_id, total, translated)

    return [StatusRow(page, [cell(page, locale) for locale in locales]) for page in pages]


def filter_by_state(rows, state):
    """The rows with a cell in one of the states the state filter's choice finds."""
    wanted = STATE_FILTERS[State(state)]
    return [row for row in rows if any(cell.state in wanted for cell in row.cells)]


def page_status(page, locales=None):
    """One page's row; the report builds its rows in bulk instead."""
    if locales is None:
        locales = report_locales()[1]
    return status_rows([page], locales)[0]
