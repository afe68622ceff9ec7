"""Admin report: the terms visitors search for most, and those that find nothing."""

import datetime
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.conf import settings
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from conferences.exports import csv_cell
from home.admin_reports import IgnoredFiltersMixin

from . import analytics
from .models import QueryStatistic

PERIODS = {
    "7": gettext_lazy("Last 7 days"),
    "30": gettext_lazy("Last 30 days"),
    "90": gettext_lazy("Last 90 days"),
    "365": gettext_lazy("Last 365 days"),
}
DEFAULT_PERIOD = "30"
# Each listing shows this many terms; the download holds all of them.
LISTING_LIMIT = 50
TOP_TERMS_ORDER = ["-total_searches", "query", "language_code"]
TERMS_WITHOUT_RESULTS_ORDER = ["-total_without_results", "-last_without_results", "query"]

permission_policy = ModelPermissionPolicy(QueryStatistic)


def language_names():
    return dict(settings.LANGUAGES)


class SearchStatisticsFilterSet(WagtailFilterSet):
    # Period and language choose which statistics the view adds up, before grouping by term.
    period = django_filters.ChoiceFilter(
        label=gettext_lazy("Period"),
        choices=list(PERIODS.items()),
        empty_label=None,
        initial=DEFAULT_PERIOD,
        method="leave_to_the_view",
        widget=forms.RadioSelect,
    )
    language = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        empty_label=gettext_lazy("All languages"),
        method="leave_to_the_view",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = QueryStatistic
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("period"):
            data = data.copy()
            data["period"] = DEFAULT_PERIOD
        super().__init__(data, *args, **kwargs)
        names = language_names()
        # Only languages searched in are offered; a code no longer configured is left out.
        searched = set(QueryStatistic.objects.values_list("language_code", flat=True).distinct())
        self.filters["language"].extra["choices"] = [
            (code, name) for code, name in names.items() if code in searched
        ]

    def leave_to_the_view(self, queryset, name, value):
        return queryset


@dataclass(frozen=True)
class TermRow:
    query: str
    language_code: str
    language: str
    searches: int
    searches_without_results: int
    last_searched: datetime.date
    last_without_results: datetime.date | None

    @property
    def share_without_results(self):
        """In percent, rounded."""
        return round(100 * self.searches_without_results / self.searches)


class SearchStatisticsView(IgnoredFiltersMixin, ReportView):
    page_title = gettext_lazy("Search terms")
    header_icon = "search"
    results_template_name = "search/admin/search_statistics_results.html"
    index_url_name = "search_statistics:index"
    index_results_url_name = "search_statistics:results"
    filterset_class = SearchStatisticsFilterSet
    permission_policy = permission_policy
    permission_required = "view"
    # Both listings are cut to LISTING_LIMIT instead of being paged.
    paginate_by = None
    export_filename = "search-terms"
    # The download holds every term of the period with the columns of both listings.
    export_headings = {
        "query": gettext_lazy("Search term"),
        "language": gettext_lazy("Language"),
        "searches": gettext_lazy("Searches"),
        "searches_without_results": gettext_lazy("Searches without results"),
        "share_without_results": gettext_lazy("Share without results (%)"),
        "last_searched": gettext_lazy("Last searched"),
        "last_without_results": gettext_lazy("Last searched without results"),
    }
    list_export = list(export_headings)
    # Terms are typed by the public: a leading "=" must not run as a spreadsheet formula.
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        str: {ReportView.FORMAT_CSV: csv_cell},
    }

    @cached_property
    def valid_filters(self):
        """The filter values given and valid; a bad one is reported and left at its default."""
        if self.filters is None:
            return {}
        self.filters.is_valid()
        return self.filters.form.cleaned_data

    @cached_property
    def period_days(self):
        return int(self.valid_filters.get("period") or DEFAULT_PERIOD)

    @cached_property
    def language_code(self):
        return self.valid_filters.get("language") or None

    def term_totals(self):
        first_day = timezone.localdate() - datetime.timedelta(days=self.period_days - 1)
        return analytics.term_totals(first_day, self.language_code)

    def get_filtered_queryset(self):
        top_terms = self.term_totals().order_by(*TOP_TERMS_ORDER)
        # One more than shown tells whether there are more, without counting them all.
        return top_terms if self.is_export else top_terms[: LISTING_LIMIT + 1]

    def terms_without_results(self):
        totals = self.term_totals().filter(total_without_results__gt=0)
        return self.term_rows(totals.order_by(*TERMS_WITHOUT_RESULTS_ORDER)[: LISTING_LIMIT + 1])

    def term_rows(self, totals):
        names = language_names()
        return [
            TermRow(
                query=values["query"],
                language_code=values["language_code"],
                language=names.get(values["language_code"], values["language_code"]),
                searches=values["total_searches"],
                searches_without_results=values["total_without_results"],
                last_searched=values["last_searched"],
                last_without_results=values["last_without_results"],
            )
            for values in totals
        ]

    def decorate_paginated_queryset(self, object_list):
        return self.term_rows(object_list if self.is_export else object_list[:LISTING_LIMIT])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if self.is_export:
            return context
        without_results = self.terms_without_results()
        context.update(
            report_messages=self.filter_errors,
            listing_limit=LISTING_LIMIT,
            period=PERIODS[str(self.period_days)],
            more_top_terms=len(context["object_list"]) > LISTING_LIMIT,
            terms_without_results=without_results[:LISTING_LIMIT],
            more_terms_without_results=len(without_results) > LISTING_LIMIT,
        )
        return context


def urls():
    return [
        path("", SearchStatisticsView.as_view(), name="index"),
        path("results/", SearchStatisticsView.as_view(results_only=True), name="results"),
    ]
