"""Translating a whole section in the background: one job per request, its progress and what
failed. The work itself is in jobs.py."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


ACTIVE_STATUSES = [JobStatus.QUEUED, JobStatus.RUNNING]


class TranslationJob(models.Model):
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    root_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("section"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept so the job still names its section after the page is deleted.
    root_title = models.CharField(_("section title"), max_length=255)
    target_locales = models.ManyToManyField(
        "wagtailcore.Locale", verbose_name=_("target languages"), related_name="+"
    )
    include_subpages = models.BooleanField(_("include subpages"), default=True)
    machine_translate = models.BooleanField(_("pre-fill with machine translation"), default=False)
    publish = models.BooleanField(_("publish"), default=False)

    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    total = models.PositiveIntegerField(_("pages"), default=0)
    done = models.PositiveIntegerField(_("translated"), default=0)
    skipped = models.PositiveIntegerField(_("already translated"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    # The tree path of the last page handled: a batch goes on after it, in tree order.
    cursor = models.CharField(max_length=255, blank=True)
    # Only the task carrying the current run id may work on the job. Every batch takes a new
    # one when it starts and hands it to the next batch's task, and resuming a stalled job
    # takes one too, so a duplicate task, or a worker whose job was taken over, does nothing.
    run_id = models.UUIDField(default=uuid.uuid4)
    # Set while a batch is being worked on and pushed forward with every page; a worker that
    # dies leaves it to expire, and then the job may be resumed.
    lease_expires_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("translation job")
        verbose_name_plural = _("translation jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.root_title

    @property
    def handled(self):
        return self.done + self.failed

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES


class TranslationJobFailure(models.Model):
    """A page that could not be translated into one language, and why."""

    job = models.ForeignKey(TranslationJob, on_delete=models.CASCADE, related_name="failures")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_title = models.CharField(_("page title"), max_length=255)
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("failed page")
        verbose_name_plural = _("failed pages")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.page_title}: {self.message}"
