from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.choices import FederalState
from home.fragments import cached
from home.models import topic_choices

from .models import CaseStudyStatus, Cohort, Municipality, SizeClass

# Filter name in the URL → the lookup it narrows case studies by.
FACETS = {
    "topic": "topics__slug",
    "state": "municipality__federal_state",
    "size": "municipality__size_class",
    "cohort": "municipality__cohort",
    "status": "status",
    "municipality": "municipality__slug",
}


class CaseStudyFilterForm(forms.Form):
    """The case-study filters, combinable, each value with the number of case studies it would
    show given the other filters. Values come from shared URLs: invalid ones are reported and
    ignored."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    state = forms.ChoiceField(label=_("Federal state"), required=False)
    size = forms.ChoiceField(label=_("Size"), required=False)
    cohort = forms.TypedChoiceField(label=_("Funding cohort"), required=False, coerce=int)
    status = forms.ChoiceField(label=_("Status"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    all_labels = {
        "topic": _("All topics"),
        "state": _("All federal states"),
        "size": _("All sizes"),
        "cohort": _("All cohorts"),
        "status": _("Any status"),
        "municipality": _("All municipalities"),
    }

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.values = {
            "topic": topic_choices(locale),
            "state": FederalState.choices,
            "size": SizeClass.choices,
            "cohort": Cohort.choices,
            "status": CaseStudyStatus.choices,
            "municipality": cached(
                f"casestudies:municipality-choices:{locale.pk}",
                lambda: list(
                    Municipality.objects.filter(locale=locale).values_list("slug", "name")
                ),
            ),
        }
        for name, choices in self.values.items():
            self.fields[name].choices = [("", self.all_labels[name]), *choices]

    def value(self, name):
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    def apply(self, case_studies, *, leave_out=None):
        for name, lookup in FACETS.items():
            value = self.value(name)
            if name != leave_out and value not in (None, ""):
                case_studies = case_studies.filter(**{lookup: value})
        return case_studies.distinct()

    def facets(self, case_studies):
        """Per filter, how many case studies each value would show with the other filters as
        they are; one query for all filters, whatever the number of case studies and values.
        The counts are also written into the options, so a screen reader announces them with
        the value."""
        active = self.active_filters()
        counted = {}
        for name, lookup in FACETS.items():
            others = Q(
                *(Q(**{FACETS[other]: value}) for other, value in active.items() if other != name)
            )
            for index, (value, _label) in enumerate(self.values[name]):
                counted[f"{name}_{index}"] = Count(
                    "pk", distinct=True, filter=others & Q(**{lookup: value})
                )
        totals = case_studies.order_by().aggregate(**counted)
        counts = {}
        for name in FACETS:
            counts[name] = {
                value: totals[f"{name}_{index}"]
                for index, (value, _label) in enumerate(self.values[name])
                if totals[f"{name}_{index}"]
            }
            self.fields[name].choices = [
                ("", self.all_labels[name]),
                *(
                    (value, f"{label} ({counts[name].get(value, 0)})")
                    for value, label in self.values[name]
                ),
            ]
        return counts

    def active_filters(self):
        return {name: self.value(name) for name in FACETS if self.value(name) not in (None, "")}

    def markers(self, case_studies, index_page, request):
        """One map marker per municipality: a link to its case study, or to the list narrowed
        to the municipality when it has several."""
        rows = (
            case_studies.order_by("municipality__name", "title")
            .select_related("municipality", "locale")
            .only(
                "title",
                "url_path",
                "locale__language_code",
                "municipality__name",
                "municipality__slug",
                "municipality__latitude",
                "municipality__longitude",
            )
        )
        by_municipality = {}
        for page in rows:
            by_municipality.setdefault(page.municipality_id, []).append(page)
        index_url = index_page.get_url(request)
        markers = []
        for pages in by_municipality.values():
            municipality = pages[0].municipality
            if len(pages) == 1:
                url = pages[0].get_url(request)
                label = f"{municipality.name}: {pages[0].title}"
            else:
                filters = {**self.active_filters(), "municipality": municipality.slug}
                url = f"{index_url}?{urlencode(filters)}"
                label = ngettext(
                    "%(name)s: %(count)d case study",
                    "%(name)s: %(count)d case studies",
                    len(pages),
                ) % {"name": municipality.name, "count": len(pages)}
            markers.append(
                {
                    "key": municipality.slug,
                    "latitude": municipality.latitude,
                    "longitude": municipality.longitude,
                    "url": url,
                    "label": label,
                }
            )
        return markers
