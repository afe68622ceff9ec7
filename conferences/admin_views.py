"""What organisers do with registrations in the Wagtail admin: the overview of upcoming events
and of past ones still holding personal data, an event's list with manual moves, downloads,
data-subject requests (registrations and form submissions) and the access log.
Every look at personal data writes a PersonalDataAccess row (DSGVO Art. 5(2))."""

import datetime
import operator
import uuid
from contextlib import suppress
from dataclasses import dataclass
from functools import cached_property, reduce

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import TruncDate
from django.db.models.lookups import IExact
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_required
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.contrib.forms.models import FormSubmission
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from . import capacity, exports
from .models import EventPage, PersonalDataAccess, Registration, RegistrationStatus
from .models.registrations import AccessAction

VIEW_PERMISSION = "conferences.view_registration"
CHANGE_PERMISSION = "conferences.change_registration"
DELETE_PERMISSION = "conferences.delete_registration"
ACCESS_LOG_PERMISSION = "conferences.view_personaldataaccess"

REGISTRATIONS_PER_PAGE = 100
ACCESS_LOG_PER_PAGE = 50
EVENT_FORMATS = (exports.CSV, exports.XLSX)
SUBJECT_FORMATS = (exports.JSON, exports.CSV)


def admin_language():
    """The admin user's language where the events are translated into it, else the source."""
    with suppress(LookupError):
        return get_supported_content_language_variant(translation.get_language())
    return settings.LANGUAGE_CODE


def source_events(pages):
    """One page per event key: the source-language version, which holds the registration rules
    (a translation stands in only where the event has no source-language version)."""
    events = {}
    for page in pages.select_related("locale"):
        known = events.get(page.translation_key)
        if known is None or page.locale.language_code == settings.LANGUAGE_CODE:
            events[page.translation_key] = page
    return events


def event_or_404(event_key):
    event = source_events(EventPage.objects.filter(translation_key=event_key)).get(event_key)
    if event is None:
        raise Http404
    return event


def log_access(request, action, event=None, detail=""):
    PersonalDataAccess.objects.create(
        user=request.user,
        username=request.user.get_username(),
        action=action,
        event_key=event.translation_key if event else None,
        event_title=event.title[:255] if event else "",
        detail=str(detail)[:255],
    )


def status_filter(request):
    status = request.GET.get("status", "")
    return status if status in RegistrationStatus.values else ""


def registrations_of(event_key, status=""):
    """Anonymised rows are left out: nothing in them tells organisers who is coming."""
    registrations = Registration.objects.filter(event_key=event_key, anonymised_at__isnull=True)
    if status:
        registrations = registrations.filter(status=status)
    return registrations.order_by("created_at", "pk")


def subject_registrations(email):
    return Registration.objects.filter(
        email__iexact=email.strip(), anonymised_at__isnull=True
    ).order_by("created_at", "pk")


def event_titles(event_keys):
    pages = source_events(EventPage.objects.filter(translation_key__in=set(event_keys)))
    return {key: page.title for key, page in pages.items()}


def with_event_titles(registrations):
    registrations = list(registrations)
    titles = event_titles(registration.event_key for registration in registrations)
    return [
        (registration, titles.get(registration.event_key, _("(event deleted)")))
        for registration in registrations
    ]


@dataclass(frozen=True)
class FormQuestions:
    page: Page
    labels: dict
    email_keys: tuple


def form_pages_with_submissions():
    """The questions of every form page that holds submissions, by page id, a few queries per
    page however many submissions there are. Labels are those the form showed in its language,
    the consent checkbox its form builder adds included."""
    pages = (
        Page.objects.filter(pk__in=FormSubmission.objects.values("page_id"))
        .specific()
        .select_related("locale")
    )
    questions = {}
    for page in pages:
        fields = list(page.get_form_fields())
        with translation.override(page.locale.language_code):
            labels = {
                key: str(formfield.label)
                for key, formfield in page.form_builder(fields).formfields.items()
            }
        questions[page.pk] = FormQuestions(
            page,
            labels=labels,
            email_keys=tuple(field.clean_name for field in fields if field.field_type == "email"),
        )
    return questions


def submissions_of(email, form_pages):
    """Submissions that gave the address as the answer to an email question of their form. An
    address that only turns up in a free-text answer is someone mentioning the person, and that
    submission belongs to whoever wrote it."""
    # A lookup on the key expression, not a "form_data__<key>" keyword: keys come from editors'
    # labels and may contain "__", which a keyword would read as a path.
    matches = [
        Q(IExact(KeyTextTransform(key, "form_data"), email.strip()), page_id=page_id)
        for page_id, questions in form_pages.items()
        for key in questions.email_keys
    ]
    if not matches:
        return FormSubmission.objects.none()
    return FormSubmission.objects.filter(reduce(operator.or_, matches)).order_by(
        "submit_time", "pk"
    )


def subject_submissions(email):
    """(submission, form page, labels of its questions) of each of the person's submissions."""
    form_pages = form_pages_with_submissions()
    return [
        (submission, form_pages[submission.page_id].page, form_pages[submission.page_id].labels)
        for submission in submissions_of(email, form_pages)
    ]


def found_detail(registrations, submissions):
    """What the access log keeps of a request: how much was found, never whose it was."""
    return f"registrations: {len(registrations)}, form submissions: {len(submissions)}"


def erase_subject(email, uuids, submission_ids, now=None):
    """Delete a person's registrations and form submissions (DSGVO Art. 17). Active
    registrations are cancelled first, so the seats they free go to the waiting list just as if
    the person had cancelled. Returns the deleted registrations and submissions."""
    with transaction.atomic():
        registrations = list(subject_registrations(email).filter(uuid__in=uuids))
        for registration in registrations:
            if registration.is_active:
                # The person may have cancelled through their own link in the meantime.
                with suppress(capacity.AlreadyCancelled):
                    capacity.cancel(registration, now)
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).delete()
        submissions = list(
            submissions_of(email, form_pages_with_submissions()).filter(pk__in=submission_ids)
        )
        FormSubmission.objects.filter(pk__in=[s.pk for s in submissions]).delete()
    return registrations, submissions


def parsed(values, parse):
    """The values `parse` accepts; a tampered form field must not fail the whole request."""
    found = []
    for value in values:
        with suppress(ValueError):
            found.append(parse(value))
    return found


@dataclass(frozen=True)
class EventFigures:
    event: EventPage
    confirmed: int
    waitlisted: int
    cancelled: int

    @property
    def fill_rate(self):
        if not self.event.capacity:
            return None
        return round(100 * self.confirmed / self.event.capacity)


def events_taking_registrations(keys, applies):
    """The events of `keys` that take registrations and to which `applies`, judged by their
    source-language page, which holds the registration rules."""
    events = source_events(EventPage.objects.filter(translation_key__in=keys))
    return [event for event in events.values() if event.registration_enabled and applies(event)]


def upcoming_events(now):
    keys = EventPage.objects.filter(end__gte=now, registration_enabled=True).values(
        "translation_key"
    )
    upcoming = events_taking_registrations(keys, lambda event: event.end >= now)
    return sorted(upcoming, key=lambda event: (event.start, event.pk))


@dataclass(frozen=True)
class PastEvent:
    event: EventPage
    registrations: int


def past_events_with_personal_data(now):
    """Ended events whose registrations still name people, the next to be anonymised first.
    Only events with such registrations are loaded, so the list stays short as years pass."""
    personal = dict(
        Registration.objects.filter(anonymised_at__isnull=True)
        .values_list("event_key")
        .annotate(Count("pk"))
    )
    past = events_taking_registrations(personal.keys(), lambda event: event.end < now)
    return sorted(
        (PastEvent(event, personal[event.translation_key]) for event in past),
        key=lambda row: (row.event.personal_data_kept_until, row.event.pk),
    )


def event_figures(events):
    counts = {}
    rows = (
        Registration.objects.filter(event_key__in=[event.translation_key for event in events])
        .values("event_key", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["event_key"], row["status"]] = row["n"]
    return [
        EventFigures(
            event,
            *(
                counts.get((event.translation_key, status), 0)
                for status in (
                    RegistrationStatus.CONFIRMED,
                    RegistrationStatus.WAITLISTED,
                    RegistrationStatus.CANCELLED,
                )
            ),
        )
        for event in events
    ]


@dataclass(frozen=True)
class ChartDay:
    day: datetime.date
    new: int
    total: int


class RegistrationChart:
    """Registrations received per day, cumulated, as coordinates for an inline SVG. Later
    cancellations stay counted, so the line shows demand and never drops."""

    width, height = 640, 200
    left, right, top, bottom = 48, 16, 16, 40

    def __init__(self, event, per_day, today):
        self.event = event
        first = min(per_day) - datetime.timedelta(days=1)
        last = max(today, max(per_day))
        total = 0
        self.days = []
        for offset in range((last - first).days + 1):
            day = first + datetime.timedelta(days=offset)
            total += per_day.get(day, 0)
            self.days.append(ChartDay(day, per_day.get(day, 0), total))
        self.total = total
        self.capacity = event.capacity
        self.maximum = max(total, self.capacity or 0)

    @cached_property
    def plot_right(self):
        return self.width - self.right

    @cached_property
    def baseline(self):
        return self.height - self.bottom

    def x(self, index):
        return self.left + (self.plot_right - self.left) * index / (len(self.days) - 1)

    def y(self, value):
        return self.baseline - (self.baseline - self.top) * value / self.maximum

    @cached_property
    def points(self):
        return " ".join(f"{self.x(i):.1f},{self.y(d.total):.1f}" for i, d in enumerate(self.days))

    @cached_property
    def capacity_y(self):
        return None if self.capacity is None else f"{self.y(self.capacity):.1f}"

    @cached_property
    def days_with_registrations(self):
        return [day for day in self.days if day.new]

    @property
    def first_day(self):
        return self.days[0].day

    @property
    def last_day(self):
        return self.days[-1].day


def registration_charts(events, today):
    berlin = timezone.get_default_timezone()
    per_event = {}
    rows = (
        Registration.objects.filter(event_key__in=[event.translation_key for event in events])
        .annotate(day=TruncDate("created_at", tzinfo=berlin))
        .values("event_key", "day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        per_event.setdefault(row["event_key"], {})[row["day"]] = row["n"]
    return [
        RegistrationChart(event, per_event[event.translation_key], today)
        for event in events
        if event.translation_key in per_event
    ]


def download(content, file_format, filename):
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{file_format}"
    )
    return response


class RegistrationAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("registrations:index"), "label": _("Registrations")},
            *self.extra_breadcrumbs(),
        ]

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(time_zone=settings.TIME_ZONE, **kwargs)


class OverviewView(RegistrationAdminView):
    template_name = "conferences/admin/overview.html"
    page_title = gettext_lazy("Registrations")

    def extra_breadcrumbs(self):
        return []

    def get_header_buttons(self):
        buttons = [
            HeaderButton(
                _("Requests from data subjects"),
                url=reverse("registrations:subject"),
                icon_name="user",
            )
        ]
        if self.request.user.has_perm(ACCESS_LOG_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Access log"), url=reverse("registrations:access_log"), icon_name="history"
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        now = timezone.now()
        events = upcoming_events(now)
        return super().get_context_data(
            figures=event_figures(events),
            status_choices=RegistrationStatus.choices,
            charts=registration_charts(
                events, timezone.localdate(now, timezone.get_default_timezone())
            ),
            past_events=past_events_with_personal_data(now),
            **kwargs,
        )


class EventRegistrationsView(RegistrationAdminView):
    template_name = "conferences/admin/event_registrations.html"

    def get(self, request, *args, **kwargs):
        self.event = event_or_404(kwargs["event_key"])
        self.status = status_filter(request)
        response = super().get(request, *args, **kwargs)
        log_access(request, AccessAction.VIEW, self.event)
        return response

    def get_page_title(self):
        return self.event.title

    def get_context_data(self, **kwargs):
        key = self.event.translation_key
        table = exports.RegistrationTable(key, admin_language())
        page = WagtailPaginator(registrations_of(key, self.status), REGISTRATIONS_PER_PAGE)
        registrations = page.get_page(self.request.GET.get("p"))
        return super().get_context_data(
            event=self.event,
            availability=capacity.availability(self.event),
            status=self.status,
            status_choices=[("", _("all")), *RegistrationStatus.choices],
            headings=table.headings,
            rows=[
                (registration, [html_cell(value) for value in table.row(registration)])
                for registration in registrations
            ],
            items=registrations,
            elided_page_range=page.get_elided_page_range(registrations.number),
            can_change=self.request.user.has_perm(CHANGE_PERMISSION),
            **kwargs,
        )


def html_cell(value):
    if isinstance(value, datetime.datetime):
        return date_format(value, "SHORT_DATETIME_FORMAT")
    return value


def export_registrations(request, event_key, file_format):
    if file_format not in EVENT_FORMATS:
        raise Http404
    event = event_or_404(event_key)
    status = status_filter(request)
    table = exports.RegistrationTable(event.translation_key, admin_language())
    rows = [table.row(registration) for registration in registrations_of(event_key, status)]
    if file_format == exports.CSV:
        content = exports.to_csv(table.headings, rows)
    else:
        content = exports.to_xlsx(table.headings, rows, sheet_title=_("Registrations"))
    log_access(request, AccessAction.EXPORT, event, detail=file_format)
    filename = slugify(f"{_('registrations')} {event.slug} {status}")
    return download(content, file_format, filename)


def back_to_list(request, event_key):
    url = reverse("registrations:event", args=[event_key])
    status = request.POST.get("status", "")
    if status in RegistrationStatus.values:
        url += "?" + urlencode({"status": status})
    return redirect(url)


def registration_or_404(event_key, registration_uuid):
    return get_object_or_404(
        Registration, event_key=event_key, uuid=registration_uuid, anonymised_at__isnull=True
    )


@require_POST
def confirm_registration(request, event_key, registration_uuid):
    event = event_or_404(event_key)
    registration = registration_or_404(event_key, registration_uuid)
    if capacity.confirm_from_waitlist(registration):
        log_access(request, AccessAction.CHANGE, event, detail=f"confirm {registration.uuid}")
        messages.success(
            request,
            _("%(email)s has a seat now and is told by email.") % {"email": registration.email},
        )
    else:
        messages.error(
            request,
            _("%(email)s is not on the waiting list any more.") % {"email": registration.email},
        )
    return back_to_list(request, event_key)


@require_POST
def cancel_registration(request, event_key, registration_uuid):
    event = event_or_404(event_key)
    registration = registration_or_404(event_key, registration_uuid)
    try:
        promoted = capacity.cancel(registration)
    except capacity.AlreadyCancelled:
        messages.error(
            request,
            _("The registration of %(email)s was already cancelled.")
            % {"email": registration.email},
        )
        return back_to_list(request, event_key)
    log_access(request, AccessAction.CHANGE, event, detail=f"cancel {registration.uuid}")
    message = _("The registration of %(email)s is cancelled.") % {"email": registration.email}
    if promoted:
        message += " " + ngettext(
            "%(count)d person moved up from the waiting list: %(emails)s.",
            "%(count)d people moved up from the waiting list: %(emails)s.",
            len(promoted),
        ) % {"count": len(promoted), "emails": ", ".join(r.email for r in promoted)}
    messages.success(request, message)
    return back_to_list(request, event_key)


class SubjectForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254)


class SubjectView(RegistrationAdminView):
    """A data subject's request for access or erasure. The address travels in POST bodies only,
    so it stays out of server logs and browser history."""

    template_name = "conferences/admin/subject.html"
    page_title = gettext_lazy("Requests from data subjects")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=SubjectForm()))

    def post(self, request, *args, **kwargs):
        form = SubjectForm(request.POST)
        context = {"form": form}
        if form.is_valid():
            email = form.cleaned_data["email"]
            registrations = list(subject_registrations(email))
            submissions = subject_submissions(email)
            log_access(
                request,
                AccessAction.SUBJECT_SEARCH,
                detail=found_detail(registrations, submissions),
            )
            context.update(
                searched=True,
                registrations=with_event_titles(registrations),
                submissions=submission_rows(submissions),
                can_delete=request.user.has_perm(DELETE_PERMISSION),
            )
        return self.render_to_response(self.get_context_data(**context))


def submission_rows(submissions):
    """(submission, form title, answers) for the screen, worded as in the CSV download."""
    return [
        (
            submission,
            page.title,
            exports.answers_text(exports.labelled_answers(submission.form_data, labels)),
        )
        for submission, page, labels in submissions
    ]


@require_POST
def export_subject(request, file_format):
    if file_format not in SUBJECT_FORMATS:
        raise Http404
    form = SubjectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a valid email address."))
        return redirect("registrations:subject")
    email = form.cleaned_data["email"]
    registrations = list(subject_registrations(email).prefetch_related("messages"))
    submissions = subject_submissions(email)
    content = (exports.subject_json if file_format == exports.JSON else exports.subject_csv)(
        exports.subject_records(registrations, event_titles(r.event_key for r in registrations)),
        exports.submission_records(submissions),
    )
    log_access(
        request,
        AccessAction.SUBJECT_EXPORT,
        detail=f"{file_format}, {found_detail(registrations, submissions)}",
    )
    return download(content, file_format, slugify(_("personal data")))


class SubjectDeleteView(RegistrationAdminView):
    """Erasure asks once more, listing exactly what will be deleted; only those rows go."""

    template_name = "conferences/admin/subject_delete.html"
    page_title = gettext_lazy("Delete a person's data")
    http_method_names = ["post"]

    def extra_breadcrumbs(self):
        return [
            {"url": reverse("registrations:subject"), "label": _("Requests from data subjects")},
            {"url": "", "label": self.get_page_title()},
        ]

    def post(self, request, *args, **kwargs):
        form = SubjectForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please enter a valid email address."))
            return redirect("registrations:subject")
        email = form.cleaned_data["email"]
        if request.POST.get("confirmed"):
            registrations, submissions = erase_subject(
                email,
                parsed(request.POST.getlist("registration"), uuid.UUID),
                parsed(request.POST.getlist("submission"), int),
            )
            log_access(
                request,
                AccessAction.SUBJECT_DELETE,
                detail=found_detail(registrations, submissions),
            )
            messages.success(request, deleted_message(len(registrations), len(submissions)))
            return redirect("registrations:subject")
        registrations = with_event_titles(subject_registrations(email))
        submissions = submission_rows(subject_submissions(email))
        return self.render_to_response(
            self.get_context_data(
                form=form,
                registrations=registrations,
                submissions=submissions,
                found=len(registrations) + len(submissions),
            )
        )


def deleted_message(registrations, submissions):
    return _("Deleted %(registrations)s and %(submissions)s.") % {
        "registrations": ngettext(
            "%(count)d registration", "%(count)d registrations", registrations
        )
        % {"count": registrations},
        "submissions": ngettext(
            "%(count)d form submission", "%(count)d form submissions", submissions
        )
        % {"count": submissions},
    }


class AccessLogView(RegistrationAdminView):
    template_name = "conferences/admin/access_log.html"
    page_title = gettext_lazy("Access log")

    def get_context_data(self, **kwargs):
        paginator = WagtailPaginator(
            PersonalDataAccess.objects.order_by("-at", "-pk"), ACCESS_LOG_PER_PAGE
        )
        entries = paginator.get_page(self.request.GET.get("p"))
        return super().get_context_data(
            items=entries,
            elided_page_range=paginator.get_elided_page_range(entries.number),
            **kwargs,
        )


def urls():
    view = permission_required(VIEW_PERMISSION)
    change = permission_required(CHANGE_PERMISSION)
    delete = permission_required(DELETE_PERMISSION)
    return [
        path("", view(OverviewView.as_view()), name="index"),
        path("events/<uuid:event_key>/", view(EventRegistrationsView.as_view()), name="event"),
        path(
            "events/<uuid:event_key>/export/<str:file_format>/",
            view(export_registrations),
            name="export",
        ),
        path(
            "events/<uuid:event_key>/<uuid:registration_uuid>/confirm/",
            change(confirm_registration),
            name="confirm",
        ),
        path(
            "events/<uuid:event_key>/<uuid:registration_uuid>/cancel/",
            change(cancel_registration),
            name="cancel",
        ),
        path("data-subjects/", view(SubjectView.as_view()), name="subject"),
        path(
            "data-subjects/export/<str:file_format>/",
            view(export_subject),
            name="subject_export",
        ),
        path("data-subjects/delete/", delete(SubjectDeleteView.as_view()), name="subject_delete"),
        path(
            "access-log/",
            permission_required(ACCESS_LOG_PERMISSION)(AccessLogView.as_view()),
            name="access_log",
        ),
    ]
