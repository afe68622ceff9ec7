"""Admin: translating a whole section in the background, with its progress."""

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import include, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.auth import permission_required
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.models import Locale, Page
from wagtail_localize.machine_translators import get_machine_translator

from . import jobs
from .models import TranslationJob

RECENT_JOBS = 50
ICON = "wagtail-localize-language"


class LocaleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_display_name()


class SectionChooser(AdminPageChooser):
    """Shows a submitted id that is no page ("abc", a deleted page) as nothing chosen, where
    Wagtail's chooser would fail while rendering the form error."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, OverflowError):
            return None


class TranslateSectionForm(forms.Form):
    page = forms.ModelChoiceField(
        label=gettext_lazy("Section"),
        queryset=Page.objects.filter(depth__gt=1),
        widget=SectionChooser(can_choose_root=False),
        help_text=gettext_lazy("The page at the top of the section."),
        error_messages={
            "required": gettext_lazy("Choose the page to translate."),
            "invalid_choice": gettext_lazy("This page does not exist. Choose another one."),
        },
    )
    target_locales = LocaleChoiceField(
        label=gettext_lazy("Translate into"),
        queryset=Locale.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": gettext_lazy("Choose at least one language to translate into.")
        },
    )
    include_subpages = forms.BooleanField(
        label=gettext_lazy("Include subpages"), required=False, initial=True
    )
    machine_translate = forms.BooleanField(
        label=gettext_lazy("Pre-fill with machine translation"), required=False
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish the translations"),
        required=False,
        help_text=gettext_lazy(
            "Only in the language trees where you may publish and only for pages that are live "
            "in the source language; all others are saved as drafts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_locales"].queryset = jobs.target_locale_choices()
        machine_translator = get_machine_translator()
        if machine_translator is None:
            del self.fields["machine_translate"]
        else:
            self.fields["machine_translate"].help_text = _(
                "Text without a translation is filled in by %(translator)s, for translators to "
                "review."
            ) % {"translator": machine_translator.display_name}

    def clean_page(self):
        page = self.cleaned_data["page"].specific
        problems = jobs.page_problems(page)
        if problems:
            raise ValidationError(problems)
        return page

    def clean(self):
        cleaned_data = super().clean()
        page, locales = cleaned_data.get("page"), cleaned_data.get("target_locales")
        if page is not None and locales:
            for problem in jobs.locale_problems(page, list(locales)):
                self.add_error("page", problem)
        return cleaned_data


def default_locales():
    """With a single language to translate into it is ticked; with several, none is."""
    choices = list(jobs.target_locale_choices())
    return choices if len(choices) == 1 else []


class JobAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = ICON

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("translation_jobs:index"), "label": _("Translation jobs")},
            *self.extra_breadcrumbs(),
        ]

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.get_page_title()}]


class JobIndexView(JobAdminView):
    template_name = "localisation/job_index.html"
    page_title = gettext_lazy("Translation jobs")

    def extra_breadcrumbs(self):
        return []

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Translate section"), url=reverse("translation_jobs:start"), icon_name="plus"
            )
        ]

    def get_context_data(self, **kwargs):
        recent = (
            TranslationJob.objects.select_related("started_by")
            .prefetch_related("target_locales")
            .order_by("-created_at", "-pk")[:RECENT_JOBS]
        )
        return super().get_context_data(jobs=recent, **kwargs)


class StartJobView(JobAdminView):
    template_name = "localisation/job_start.html"
    page_title = gettext_lazy("Translate section")

    def get(self, request, *args, **kwargs):
        locales = default_locales()
        form = TranslateSectionForm(initial={"target_locales": locales})
        if "page" in request.GET:
            form = self.prefilled_form(request, locales)
        return self.render_to_response(self.get_context_data(form=form))

    def prefilled_form(self, request, locales):
        """A page handed over from its "More" menu is checked like a submitted one, so an id
        that is no page, or a page in another language, shows as an error on the page field."""
        form = TranslateSectionForm(
            {
                "page": request.GET["page"],
                "target_locales": [locale.pk for locale in locales],
                "include_subpages": "on",
            }
        )
        if "page" not in form.errors:
            page = form.cleaned_data["page"]
            if not jobs.can_start(request.user, page):
                raise PermissionDenied
            return TranslateSectionForm(initial={"page": page, "target_locales": locales})
        for name in [name for name in form.errors if name != "page"]:
            del form.errors[name]
        return form

    def post(self, request, *args, **kwargs):
        form = TranslateSectionForm(request.POST)
        if form.is_valid():
            page = form.cleaned_data["page"]
            if not jobs.can_start(request.user, page):
                raise PermissionDenied
            try:
                job = jobs.start_job(
                    request.user,
                    page,
                    form.cleaned_data["target_locales"],
                    include_subpages=form.cleaned_data["include_subpages"],
                    machine_translate=form.cleaned_data.get("machine_translate", False),
                    publish=form.cleaned_data["publish"],
                )
            except jobs.JobAlreadyRunning as refusal:
                form.add_error(None, str(refusal))
                return self.render_to_response(
                    self.get_context_data(form=form, running_job=refusal.job)
                )
            except jobs.JobRefused as refusal:
                form.add_error("page", str(refusal))
            else:
                messages.success(
                    request,
                    _("Translation of “%(section)s” started.") % {"section": job.root_title},
                )
                return redirect("translation_jobs:detail", job.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        form = kwargs["form"]
        return super().get_context_data(media=form.media, **kwargs)


def progress_text(job):
    return ngettext(
        "%(handled)s of %(total)s page",
        "%(handled)s of %(total)s pages",
        job.total,
    ) % {"handled": job.handled, "total": job.total}


def status_data(job):
    return {
        "status": job.status,
        "status_label": capfirst(job.get_status_display()),
        "finished": not job.is_active,
        "total": job.total,
        "handled": job.handled,
        "done": job.done,
        "skipped": job.skipped,
        "failed": job.failed,
        "progress_text": progress_text(job),
    }


class JobDetailView(JobAdminView):
    template_name = "localisation/job_detail.html"

    def get(self, request, *args, **kwargs):
        self.job = get_object_or_404(
            TranslationJob.objects.select_related("started_by", "root_page"), pk=kwargs["job_id"]
        )
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Translation of “%(section)s”") % {"section": self.job.root_title}

    def get_context_data(self, **kwargs):
        job = self.job
        root = job.root_page
        return super().get_context_data(
            job=job,
            locales=[locale.get_display_name() for locale in job.target_locales.all()],
            progress_text=progress_text(job),
            failures=job.failures.select_related("locale").order_by("pk"),
            stalled=jobs.is_stalled(job),
            can_resume=root is not None and jobs.can_start(self.request.user, root),
            **kwargs,
        )


def job_status(request, job_id):
    return JsonResponse(status_data(get_object_or_404(TranslationJob, pk=job_id)))


@require_POST
def resume_job(request, job_id):
    job = get_object_or_404(TranslationJob.objects.select_related("root_page"), pk=job_id)
    if job.root_page is None or not jobs.can_start(request.user, job.root_page):
        raise PermissionDenied
    if jobs.resume_job(job.pk):
        messages.success(request, _("The translation goes on from where it stopped."))
    else:
        messages.warning(request, _("The translation is still running or has finished."))
    return redirect("translation_jobs:detail", job.pk)


def urls():
    submit = permission_required(jobs.SUBMIT_PERMISSION)
    return [
        path("", submit(JobIndexView.as_view()), name="index"),
        path("start/", submit(StartJobView.as_view()), name="start"),
        path("<int:job_id>/", submit(JobDetailView.as_view()), name="detail"),
        path("<int:job_id>/status/", submit(job_status), name="status"),
        path("<int:job_id>/resume/", submit(resume_job), name="resume"),
    ]


@hooks.register("register_admin_urls")
def register_translation_job_urls():
    return [path("translation-jobs/", include((urls(), "translation_jobs")))]


class TranslationJobsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(jobs.SUBMIT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_translation_jobs_menu_item():
    # Menu items are built once per process: the label must follow each request's language.
    return TranslationJobsMenuItem(
        gettext_lazy("Translation jobs"),
        reverse("translation_jobs:index"),
        name="translation-jobs",
        icon_name=ICON,
        order=1100,
    )


LOCALES_CACHE_SECONDS = 60


def _translate_section_button(page, user):
    if page.is_root() or not user.has_perm(jobs.SUBMIT_PERMISSION):
        return
    # Asked once per row of a page listing: the locales are read from the cache.
    languages = cache.get_or_set(
        "localisation:locale-codes",
        lambda: dict(Locale.objects.values_list("pk", "language_code")),
        LOCALES_CACHE_SECONDS,
    )
    if len(languages) < 2 or languages.get(page.locale_id) != jobs.source_language_code():
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Translate section"),
        reverse("translation_jobs:start") + f"?page={page.pk}",
        icon_name=ICON,
        priority=62,
    )


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name=None, next_url=None):
    yield from _translate_section_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _translate_section_button(page, user)
