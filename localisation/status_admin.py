"""Admin report: the translation state of every page in every locale."""

from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.urls import include, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import MultipleContentTypeFilter, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.coreutils import get_content_type_label
from wagtail.models import Page, get_page_content_types
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from conferences.exports import csv_cell
from home.admin_reports import IgnoredFiltersMixin

from . import status

# wagtail-localize's own permission to start and sync translations ("Can submit translations").
SUBMIT_PERMISSION = "wagtail_localize.submit_translation"
ICON = "wagtail-localize-language"


class SectionField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * (obj.depth - 2) + obj.get_admin_display_title()


class SectionFilter(django_filters.ModelChoiceFilter):
    """A page and everything below it."""

    field_class = SectionField

    def filter(self, qs, value):
        return qs if value is None else qs.descendant_of(value, inclusive=True)


class TranslationStatusFilterSet(WagtailFilterSet):
    # Locale and state choose the report's columns and rows, which the view works out.
    locale = django_filters.ChoiceFilter(
        label=gettext_lazy("Locale"),
        empty_label=gettext_lazy("All locales"),
        method="leave_to_the_view",
        widget=forms.RadioSelect,
    )
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"),
        empty_label=gettext_lazy("Any state"),
        choices=status.STATE_FILTER_CHOICES,
        method="leave_to_the_view",
        widget=forms.RadioSelect,
    )
    content_type = MultipleContentTypeFilter(
        label=gettext_lazy("Page type"),
        queryset=lambda request: get_page_content_types(include_base_page_type=False),
        widget=forms.CheckboxSelectMultiple,
    )
    section = SectionFilter(label=gettext_lazy("Section"), empty_label=gettext_lazy("Whole site"))

    class Meta:
        model = Page
        fields = []

    def __init__(self, *args, source_locale, target_locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_locales = target_locales
        self.filters["locale"].extra["choices"] = [
            (locale.language_code, locale.get_display_name()) for locale in target_locales
        ]
        self.filters["section"].queryset = (
            status.source_pages(source_locale).filter(numchild__gt=0).order_by("path")
        )

    @property
    def locale_columns(self):
        """The locales the report shows: the chosen one, else all but the source."""
        self.is_valid()
        chosen = self.form.cleaned_data.get("locale")
        return [
            locale for locale in self.target_locales if locale.language_code == chosen
        ] or self.target_locales

    def leave_to_the_view(self, queryset, name, value):
        return queryset


@dataclass(frozen=True)
class LinkedCell:
    cell: status.Cell
    url: str | None


@dataclass(frozen=True)
class ReportRow:
    page: Page
    edit_url: str | None
    sync_url: str | None
    cells: list[LinkedCell]

    @property
    def page_type(self):
        return get_content_type_label(self.page.content_type)

    @property
    def path(self):
        """The page's path below its locale's home page, which every page shares."""
        return "/" + self.page.url_path.split("/", 2)[-1]


class TranslationStatusView(IgnoredFiltersMixin, ReportView):
    page_title = gettext_lazy("Translation status")
    header_icon = ICON
    results_template_name = "localisation/status_results.html"
    index_url_name = "translation_status:index"
    index_results_url_name = "translation_status:results"
    filterset_class = TranslationStatusFilterSet
    permission_policy = ModelPermissionPolicy(Translation)
    permission_required = "submit"
    is_searchable = True
    # A title match in the database: search backend results cannot be filtered further.
    search_backend_name = None
    search_fields = ["title", "draft_title"]
    default_ordering = "path"
    export_filename = "translation-status"
    # Page titles come from editors: a leading "=" must not run as a spreadsheet formula.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: csv_cell},
    }
    page_number_error = None

    @cached_property
    def locales(self):
        return status.report_locales()

    @property
    def source_locale(self):
        return self.locales[0]

    @cached_property
    def locale_columns(self):
        return self.filters.locale_columns if self.filters else self.locales[1]

    def get_filterset_kwargs(self):
        return {
            **super().get_filterset_kwargs(),
            "source_locale": self.source_locale,
            "target_locales": self.locales[1],
        }

    def get_base_queryset(self):
        return status.source_pages(self.source_locale)

    def filter_queryset(self, queryset):
        """Applies every valid filter; `filter_errors` reports the values that were ignored
        (Wagtail would drop all filters for one bad value)."""
        if self.filters is None:
            return queryset
        self.filters.is_valid()
        return self.filters.filter_queryset(queryset)

    @cached_property
    def state_filter(self):
        if self.filters is None:
            return None
        self.filters.is_valid()
        return self.filters.form.cleaned_data.get("state") or None

    def get_filtered_queryset(self):
        """The pages, or with a state filter the rows of the pages in that state. Without one
        the database pages the report and only the shown page's rows are worked out."""
        # ReportView would filter get_queryset() a second time; it is filtered already.
        pages = self.get_queryset()
        if self.state_filter is None:
            return pages
        rows = status.status_rows(pages, self.locale_columns)
        return status.filter_by_state(rows, self.state_filter)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        try:
            paginator.validate_number(self.request.GET.get(self.page_kwarg, 1))
        except PageNotAnInteger:
            self.page_number_error = _("That page number is not valid; showing the first page.")
        except EmptyPage:
            self.page_number_error = _("There are fewer pages; showing the last one.")
        return paginator, page, object_list, is_paginated

    def decorate_paginated_queryset(self, object_list):
        if self.state_filter is None:
            rows = status.status_rows(object_list, self.locale_columns)
        else:
            rows = object_list
        editable = set() if self.is_export else self.editable_page_ids(rows)
        return [self.report_row(row, editable) for row in rows]

    def editable_page_ids(self, rows):
        """The listed pages, source and translated, that the user may edit, in one query."""
        user = self.request.user
        translated_ids = {cell.page_id for row in rows for cell in row.cells if cell.exists}
        pages = [row.page for row in rows]
        pages += Page.objects.filter(pk__in=translated_ids).only("path", "depth", "owner_id")
        may_change = PagePermissionPolicy().user_has_permission_for_instance
        return {page.pk for page in pages if may_change(user, "change", page)}

    @cached_property
    def may_submit(self):
        return self.request.user.has_perm(SUBMIT_PERMISSION)

    def report_row(self, row, editable):
        page = row.page
        cells = []
        for cell in row.cells:
            url = None
            if cell.exists and cell.page_id in editable:
                url = reverse("wagtailadmin_pages:edit", args=[cell.page_id])
            elif not cell.exists and self.may_submit:
                url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
                url += "?" + urlencode(
                    {"select_locale": cell.locale.language_code, "next": self.report_url}
                )
            cells.append(LinkedCell(cell, url))
        sync_url = None
        if self.may_submit and row.outdated_source_id:
            sync_url = reverse(
                "wagtail_localize:update_translations", args=[row.outdated_source_id]
            )
            sync_url += "?" + urlencode({"next": self.report_url})
        return ReportRow(
            page=page,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk])
            if page.pk in editable
            else None,
            sync_url=sync_url,
            cells=cells,
        )

    @cached_property
    def report_url(self):
        """This report with the current filters, to come back to from wagtail-localize."""
        query = self.request.GET.copy()
        for transient in ("export", "_w_filter_fragment"):
            query.pop(transient, None)
        return f"{self.index_url}?{query.urlencode()}" if query else self.index_url

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        messages = [*self.filter_errors]
        if self.page_number_error:
            messages.append(self.page_number_error)
        context.update(
            locale_columns=self.locale_columns,
            source_locale=self.source_locale,
            report_messages=messages,
        )
        return context

    # The download: one row per page, a state and a percent column per locale.

    @cached_property
    def export_headings(self):
        headings = {
            "title": _("Page"),
            "path": _("Path"),
            "page_type": _("Page type"),
            "status": _("Status"),
        }
        for locale in self.locale_columns:
            name = locale.get_display_name()
            headings[f"{locale.language_code}:state"] = name
            headings[f"{locale.language_code}:percent"] = _("%(locale)s: percent translated") % {
                "locale": name
            }
        return headings

    @property
    def list_export(self):
        return list(self.export_headings)

    def to_row_dict(self, item):
        values = {
            "title": item.page.get_admin_display_title(),
            "path": item.path,
            "page_type": str(item.page_type),
            "status": _("Live") if item.page.live else _("Draft"),
        }
        for linked in item.cells:
            code = linked.cell.locale.language_code
            values[f"{code}:state"] = str(linked.cell.state.label)
            values[f"{code}:percent"] = linked.cell.percent
        return values


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(SUBMIT_PERMISSION)


def urls():
    return [
        path("", TranslationStatusView.as_view(), name="index"),
        path("results/", TranslationStatusView.as_view(results_only=True), name="results"),
    ]


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [path("reports/translation-status/", include((urls(), "translation_status")))]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"),
        reverse("translation_status:index"),
        name="translation-status",
        icon_name=ICON,
        order=1050,
    )
