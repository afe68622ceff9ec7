from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.choices import FederalState
from home.fragments import cached
from home.models import topic_choices

from .models import CaseStudyPage, CaseStudyStatus, Cohort, Municipality, SizeClass

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

    def apply(self, case_studies):
        """The case studies the active filters leave; each at most once, without DISTINCT
        (a topic is looked up in a subquery, not joined)."""
        for name, value in self.active_filters().items():
            case_studies = case_studies.filter(condition(name, value))
        return case_studies

    def facets(self, case_studies):
        """Per filter, how many case studies each value would show with the other filters as
        they are; one query for all filters, whatever the number of case studies and values."""
        active = self.active_filters()
        counted = {}
        for name, lookup in FACETS.items():
            others = [condition(other, value) for other, value in active.items() if other != name]
            for index, (value, _label) in enumerate(self.values[name]):
                counted[f"{name}_{index}"] = Count(
                    "pk", distinct=True, filter=Q(*others) & Q(**{lookup: value})
                )
        totals = case_studies.order_by().aggregate(**counted)
        return {
            name: {
                value: totals[f"{name}_{index}"]
                for index, (value, _label) in enumerate(self.values[name])
                if totals[f"{name}_{index}"]
            }
            for name in FACETS
        }

    def show_counts(self, counts):
        """Write the counts into the options, so a screen reader announces them with the
        value."""
        for name in FACETS:
            self.fields[name].choices = [
                ("", self.all_labels[name]),
                *(
                    (value, f"{label} ({counts[name].get(value, 0)})")
                    for value, label in self.values[name]
                ),
            ]

    def active_filters(self):
        return {name: self.value(name) for name in FACETS if self.value(name) not in (None, "")}

    def markers(self, case_studies, index_page, request):
        """One map marker per municipality: a link to its case study, or to the list narrowed
        to the municipality when it has several. Two queries, no page loaded but the single
        case studies of their municipality."""
        municipalities = list(
            case_studies.order_by("municipality__name")
            .values(
                "municipality__name",
                "municipality__slug",
                "municipality__latitude",
                "municipality__longitude",
            )
            .annotate(count=Count("pk"), first=Min("pk"))
        )
        singles = [row["first"] for row in municipalities if row["count"] == 1]
        pages = (
            case_studies.filter(pk__in=singles)
            .select_related("locale")
            .only("title", "url_path", "locale__language_code")
            .in_bulk()
            if singles
            else {}
        )
        index_url = index_page.get_url(request)
        markers = []
        for row in municipalities:
            name, count = row["municipality__name"], row["count"]
            if count == 1:
                page = pages[row["first"]]
                url = page.get_url(request)
                label = f"{name}: {page.title}"
            else:
                filters = {**self.active_filters(), "municipality": row["municipality__slug"]}
                url = f"{index_url}?{urlencode(filters)}"
                label = ngettext(
                    "%(name)s: %(count)d case study", "%(name)s: %(count)d case studies", count
                ) % {"name": name, "count": count}
            markers.append(
                {
                    "key": row["municipality__slug"],
                    "latitude": row["municipality__latitude"],
                    "longitude": row["municipality__longitude"],
                    "url": url,
                    "label": label,
                }
            )
        return markers


def condition(name, value):
    """Case studies with this value of the filter."""
    if name == "topic":
        tagged = CaseStudyPage.topics.through.objects.filter(topic__slug=value)
        return Q(pk__in=tagged.values("casestudypage_id"))
    return Q(**{FACETS[name]: value})
