"""Who registered for which event. Personal data: only registration managers see it, every view
or export is logged, and it is anonymised a set number of days after the event."""

import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from home.models import TranslatableFormField


class RegistrationField(TranslatableFormField):
    """A question an editor adds to an event's registration form."""

    page = ParentalKey(
        "conferences.EventPage", on_delete=models.CASCADE, related_name="registration_fields"
    )


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


ACTIVE_STATUSES = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]


class EventSeats(models.Model):
    """One row per event (all its translations share it). Registrations lock this row while
    they count seats, so concurrent submissions are decided one after another."""

    event_key = models.UUIDField(unique=True)

    class Meta:
        verbose_name = _("event seats")

    def __str__(self):
        return str(self.event_key)


class Registration(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event_key = models.UUIDField(
        _("event"), db_index=True, help_text=_("The translation key shared by every language.")
    )
    page = models.ForeignKey(
        "conferences.EventPage",
        verbose_name=_("registered through"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    email = models.EmailField(_("email"), max_length=254)
    form_data = models.JSONField(_("answers"), default=dict, encoder=DjangoJSONEncoder)
    consent_at = models.DateTimeField(_("consent given at"))
    privacy_policy_version = models.CharField(_("privacy policy version"), max_length=100)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event_key", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event_key",
                condition=models.Q(status__in=ACTIVE_STATUSES, anonymised_at__isnull=True),
                name="one_active_registration_per_email_and_event",
            )
        ]

    def __str__(self):
        who = self.email or _("anonymised")
        return f"{who} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES and self.anonymised_at is None


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("confirmation")
    WAITLISTED = "waitlisted", _("waiting-list notice")
    PROMOTED = "promoted", _("moved up from the waiting list")
    CANCELLED = "cancelled", _("cancellation")
    REMINDER = "reminder", _("reminder")
    ORGANISER = "organiser", _("organiser notification")


class RegistrationMessage(models.Model):
    """The outbox: a mail is recorded in the registration's transaction and sent afterwards,
    so a broken mail server never loses a registration and failed mails are retried."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=20, choices=MessageKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_message_per_kind")
        ]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.registration_id}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("viewed the registrations")
    EXPORT = "export", _("exported the registrations")
    CHANGE = "change", _("changed a registration")
    SUBJECT_SEARCH = "subject_search", _("searched for a person's data")
    SUBJECT_EXPORT = "subject_export", _("exported a person's data")
    SUBJECT_DELETE = "subject_delete", _("deleted a person's data")


class PersonalDataAccess(models.Model):
    """Who saw or exported whose personal data, and when (DSGVO Art. 5(2) accountability)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(_("user"), max_length=150)
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    event_key = models.UUIDField(null=True, blank=True)
    event_title = models.CharField(_("event"), max_length=255, blank=True)
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.username}: {self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"
