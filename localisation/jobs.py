"""Translating a whole section in the background.

A job translates a source-language page and its descendants into one or more languages through
wagtail-localize, in tree order so every parent exists in the target tree before its children.
It runs as a chain of tasks, one batch of pages each; every page is its own transaction and
moves the job's counters, so a worker that restarts goes on after the last page it finished,
and a page that fails is recorded and skipped. Pages that already have a translation are left
exactly as they are: a translator's work is never overwritten.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .models import ACTIVE_STATUSES, JobStatus, TranslationJob, TranslationJobFailure

logger = logging.getLogger(__name__)

SUBMIT_PERMISSION = "wagtail_localize.submit_translation"
BATCH_SIZE = 20
# A batch holds the job for this long after its latest page; a worker that died lets it lapse.
LEASE = datetime.timedelta(minutes=5)
# A queued job nobody has picked up for this long (its task was lost) may be resumed.
STALL_AFTER = datetime.timedelta(minutes=15)


class JobRefused(Exception):
    """The job cannot start (or run) as asked; the message says why, for the editor."""


class JobAlreadyRunning(JobRefused):
    def __init__(self, message, job):
        super().__init__(message)
        self.job = job


class ParentNotTranslated(Exception):
    pass


def source_locale():
    return Locale.get_default()


def target_locale_choices():
    return Locale.objects.exclude(pk=source_locale().pk).order_by("language_code")


def can_start(user, page):
    """Who may submit translations and edit the section's source page."""
    return (
        user is not None
        and user.has_perm(SUBMIT_PERMISSION)
        and page.permissions_for_user(user).can_edit()
    )


def source_language_code():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def page_problems(page):
    """Why the page cannot start a section to translate, as messages (none: it can)."""
    if page.is_root():
        return [_("Choose a page, not the root of the page tree.")]
    source = source_locale()
    if page.locale_id != source.pk:
        return [
            _("Choose a page in the source language, %(language)s.")
            % {"language": source.get_display_name()}
        ]
    return []


def locale_problems(page, locales):
    """Why the page cannot be translated into these languages, as messages (none: it can)."""
    if not locales:
        return [_("Choose at least one language to translate into.")]
    source = source_locale()
    parent = page.get_parent()
    problems = []
    for locale in locales:
        if locale.pk == source.pk:
            problems.append(_("Pages cannot be translated into their own language."))
        elif not parent.is_root() and not parent.has_translation(locale):
            problems.append(
                _(
                    "The parent page “%(parent)s” has no %(language)s version yet. "
                    "Translate it first."
                )
                % {
                    "parent": parent.get_admin_display_title(),
                    "language": locale.get_display_name(),
                }
            )
    return problems


def section_pages(root, include_subpages=True):
    """The pages a job works through, parents before children (tree paths sort that way)."""
    if include_subpages:
        pages = Page.objects.descendant_of(root, inclusive=True)
    else:
        pages = Page.objects.filter(pk=root.pk)
    return pages.filter(locale_id=root.locale_id).order_by("path")


def overlapping_active_job(root, locales):
    """A queued or running job that would translate some of the same pages into one of the
    same languages: the section itself, an enclosing one or one inside it."""
    codes = {locale.pk for locale in locales}
    active = TranslationJob.objects.filter(status__in=ACTIVE_STATUSES, root_page__isnull=False)
    for job in active.select_related("root_page").prefetch_related("target_locales"):
        other = job.root_page
        if not (other.path.startswith(root.path) or root.path.startswith(other.path)):
            continue
        if codes & {locale.pk for locale in job.target_locales.all()}:
            return job
    return None


def start_job(
    user, root, locales, *, include_subpages=True, machine_translate=False, publish=False
):
    """Record the job and queue its first batch once the transaction commits. Raises
    PermissionDenied, JobRefused or JobAlreadyRunning (a job on the same pages is active)."""
    root = root.specific
    locales = list(locales)
    if not can_start(user, root):
        raise PermissionDenied
    problems = page_problems(root) or locale_problems(root, locales)
    if problems:
        raise JobRefused(problems[0])
    with transaction.atomic():
        # Two clicks on "Start" wait for each other here, so only one of them starts a job.
        Page.objects.select_for_update().filter(pk=root.pk).first()
        running = overlapping_active_job(root, locales)
        if running is not None:
            raise JobAlreadyRunning(
                _("These pages are already being translated into one of these languages."),
                running,
            )
        job = TranslationJob.objects.create(
            started_by=user,
            root_page=root,
            root_title=root.get_admin_display_title()[:255],
            include_subpages=include_subpages,
            machine_translate=machine_translate,
            publish=publish,
            total=section_pages(root, include_subpages).count(),
        )
        job.target_locales.set(locales)
        _queue_next_batch(job)
    return job


def _queue_next_batch(job):
    from .tasks import run_translation_job

    job_id, run_id = job.pk, str(job.run_id)
    transaction.on_commit(lambda: run_translation_job.enqueue(job_id, run_id))


def _now():
    return timezone.now()


def _claim(job_id, run_id):
    """Take the job for one batch, or None when it is finished, belongs to a newer run, or
    another worker holds it right now."""
    now = _now()
    with transaction.atomic():
        job = TranslationJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status not in ACTIVE_STATUSES or str(job.run_id) != str(run_id):
            return None
        if job.lease_expires_at is not None and job.lease_expires_at > now:
            return None
        job.status = JobStatus.RUNNING
        job.started_at = job.started_at or now
        job.run_id = uuid.uuid4()
        job.lease_expires_at = now + LEASE
        job.save(update_fields=["status", "started_at", "run_id", "lease_expires_at", "updated_at"])
    return job


def _mine(job):
    """The job's row while this worker still holds it."""
    return TranslationJob.objects.filter(pk=job.pk, run_id=job.run_id)


def _release(job, **changes):
    return _mine(job).update(lease_expires_at=None, updated_at=_now(), **changes)


def _finish(job, status, error=""):
    _release(job, status=status, error=error, finished_at=_now())


def run_batch(job_id, run_id):
    """Translate the job's next batch of pages and queue the one after it. Returns False when
    the job was not this task's to run (finished, superseded or held by another worker)."""
    job = _claim(job_id, run_id)
    if job is None:
        return False
    try:
        if job.root_page is None:
            _finish(job, JobStatus.FAILED, _("The section was deleted before it was translated."))
            return True
        pending = section_pages(job.root_page, job.include_subpages).filter(path__gt=job.cursor)
        # Pages added to or deleted from the section while the job runs change what is left.
        _mine(job).update(total=job.handled + pending.count())
        locales = list(job.target_locales.order_by("language_code"))
        machine_translator = get_machine_translator() if job.machine_translate else None
        batch = list(pending.specific()[: BATCH_SIZE + 1])
        for page in batch[:BATCH_SIZE]:
            if not _translate_into_all(job, page, locales, machine_translator):
                return True  # another worker took the job over; it carries on from here
        if len(batch) > BATCH_SIZE:
            if _release(job):
                _queue_next_batch(job)
        else:
            _finish(job, JobStatus.DONE)
    except Exception as error:
        logger.exception("Translation job %s stopped", job.pk)
        _finish(job, JobStatus.FAILED, describe_error(error))
    return True


def _translate_into_all(job, page, locales, machine_translator):
    """One page into every language of the job, in one transaction with the job's counters."""
    failures = []
    created = False
    with transaction.atomic():
        for locale in locales:
            try:
                with transaction.atomic():
                    created |= translate_page(
                        page,
                        locale,
                        user=job.started_by,
                        machine_translator=machine_translator,
                        publish=job.publish,
                    )
            except Exception as error:  # any failure of one page is recorded, never raised
                logger.warning("Translating page %s into %s failed", page.pk, locale, exc_info=True)
                failures.append(
                    TranslationJobFailure(
                        job=job,
                        page=page,
                        page_title=page.get_admin_display_title()[:255],
                        locale=locale,
                        message=describe_error(error),
                    )
                )
        TranslationJobFailure.objects.bulk_create(failures)
        now = _now()
        moved = _mine(job).update(
            done=F("done") + (0 if failures else 1),
            skipped=F("skipped") + (0 if failures or created else 1),
            failed=F("failed") + (1 if failures else 0),
            cursor=page.path,
            lease_expires_at=now + LEASE,
            updated_at=now,
        )
        if not moved:
            transaction.set_rollback(True)
    return bool(moved)


def describe_error(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or type(error).__name__


def has_real_translation(page, locale):
    """Aliases (from "Synchronise content from another locale") are not translations yet."""
    return Page.objects.filter(
        translation_key=page.translation_key, locale=locale, alias_of__isnull=True
    ).exists()


def translate_page(page, locale, *, user=None, machine_translator=None, publish=False):
    """Create the page's translation into the locale unless it has one; returns whether it
    created one. The snippets the page refers to are translated first, as wagtail-localize's
    "Translate this page" does, so the translation points at their translations."""
    if has_real_translation(page, locale):
        return False
    parent = page.get_parent()
    if not parent.is_root() and not parent.has_translation(locale):
        # save_target would copy the missing parent into the target tree on its own.
        raise ParentNotTranslated(
            _("The parent page has no %(language)s version, so this page was skipped.")
            % {"language": locale.get_display_name()}
        )
    source, _created = TranslationSource.get_or_create_from_instance(page)
    for segment in source.relatedobjectsegment_set.select_related("object"):
        related = segment.object.get_instance(page.locale)
        if not isinstance(related, Page) and not related.has_translation(locale):
            _save_translation(
                related, locale, user, machine_translator, publish=_publish_snippet(related, user)
            )
    # Always a draft first: wagtail-localize would publish from an on_commit callback with the
    # page as it was before its children were added, which resets the tree's child count.
    _save_translation(page, locale, user, machine_translator, publish=False, source=source)
    target = page.get_translation(locale)
    if (
        publish
        and page.live
        and user is not None
        and target.permissions_for_user(user).can_publish()
    ):
        target.get_latest_revision().publish(user=user)
    return True


def _publish_snippet(snippet, user):
    """Snippets without drafts can only be saved live; those with drafts stay drafts unless
    the user may publish them."""
    if not isinstance(snippet, DraftStateMixin):
        return True
    policy = ModelPermissionPolicy(type(snippet))
    return snippet.live and user is not None and policy.user_has_permission(user, "publish")


def _save_translation(instance, locale, user, machine_translator, publish, source=None):
    if source is None:
        source, _created = TranslationSource.get_or_create_from_instance(instance)
    mode = getattr(
        instance,
        "localize_default_translation_mode",
        getattr(settings, "WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"),
    )
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": mode == "synced"}
    )
    if machine_translator is not None:
        prefill_with_machine_translation(translation, machine_translator, user)
    # Raises ValidationError; only wagtail-localize's own TranslationCreator swallows it.
    translation.save_target(user=user, publish=publish)


def prefill_with_machine_translation(translation, machine_translator, user=None):
    """Machine-translate the strings that have no translation yet, in one request per page;
    strings a translator already translated stay as they are."""
    source, locale = translation.source, translation.target_locale
    if not machine_translator.can_translate(source.locale, locale):
        return 0
    untranslated = (
        StringSegment.objects.filter(source=source)
        .annotate_translation(locale, include_errors=True)
        .filter(translation__isnull=True)
        .select_related("string")
    )
    contexts = {}
    for segment in untranslated:
        contexts.setdefault(segment.string.as_value(), []).append(
            (segment.string_id, segment.context_id)
        )
    if not contexts:
        return 0
    translated = machine_translator.translate(source.locale, locale, contexts.keys())
    created = 0
    for value, places in contexts.items():
        result = translated.get(value)
        if result is None or result.data is None:
            continue
        for string_id, context_id in places:
            created += StringTranslation.objects.get_or_create(
                translation_of_id=string_id,
                locale=locale,
                context_id=context_id,
                defaults={
                    "data": result.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                    "tool_name": str(machine_translator.display_name),
                    "last_translated_by": user,
                },
            )[1]
    return created


def is_stalled(job, now=None):
    """Queued or running, but no worker has touched it for a while (its task was lost)."""
    now = now or _now()
    if job.status not in ACTIVE_STATUSES:
        return False
    if job.lease_expires_at is not None:
        return job.lease_expires_at <= now
    return job.updated_at <= now - STALL_AFTER


def resume_job(job_id, now=None):
    """Start a new run of a stalled job from where it stopped; tasks of the old run that turn
    up later do nothing. Returns whether it was resumed."""
    with transaction.atomic():
        job = TranslationJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not is_stalled(job, now):
            return False
        job.run_id = uuid.uuid4()
        job.lease_expires_at = None
        job.save(update_fields=["run_id", "lease_expires_at", "updated_at"])
        _queue_next_batch(job)
    return True


def resume_stalled_jobs(now=None):
    """For a periodic command: resume every job whose worker went away. Returns how many."""
    active = TranslationJob.objects.filter(status__in=ACTIVE_STATUSES).values_list("pk", flat=True)
    return sum(resume_job(job_id, now) for job_id in list(active))
