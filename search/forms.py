from collections import Counter
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import topic_choices

from .query import EVENT_TYPES, TYPE_LABELS, WHEN_LABELS

# Filter name in the URL → whether a match passes with that value.
FILTERS = {
    "type": lambda match, value: match.type == value,
    "topic": lambda match, value: value in match.topics,
    "when": lambda match, value: (
        match.type in EVENT_TYPES and match.upcoming == (value == "upcoming")
    ),
}
FACET_HEADINGS = {"type": _("Type"), "topic": _("Topic"), "when": _("Events")}
ALL_LABELS = {"type": _("All types"), "topic": _("All topics"), "when": _("All dates")}


def _facet_values(match, name):
    if name == "type":
        return [match.type]
    if name == "topic":
        return match.topics
    if match.type in EVENT_TYPES:
        return ["upcoming" if match.upcoming else "past"]
    return []


class SearchForm(forms.Form):
    """The search term and the filters from the URL; filter values that cannot be used are
    reported and left out, never an error page."""

    q = forms.CharField(label=_("Search term"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=TYPE_LABELS.items())
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    when = forms.ChoiceField(label=_("Events"), required=False, choices=WHEN_LABELS.items())

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.topic_names = dict(topic_choices(locale))
        self.fields["topic"].choices = list(self.topic_names.items())
        self.is_valid()

    @property
    def query(self):
        return self.cleaned_data.get("q", "") if hasattr(self, "cleaned_data") else ""

    def active_filters(self):
        return {name: self.cleaned_data[name] for name in FILTERS if self.cleaned_data.get(name)}

    def narrow(self, matches, leave_out=None):
        filters = {
            name: value for name, value in self.active_filters().items() if name != leave_out
        }
        if not filters:
            return list(matches)
        return [
            match
            for match in matches
            if all(FILTERS[name](match, value) for name, value in filters.items())
        ]

    def facets(self, matches):
        """Per filter, how many results each value would give with the other filters as they
        are, each value a link that sets it; counted from the matches, no queries."""
        labels = {"type": TYPE_LABELS, "topic": self.topic_names, "when": WHEN_LABELS}
        active = self.active_filters()
        facets = []
        for name in FILTERS:
            candidates = self.narrow(matches, leave_out=name)
            counts = Counter(value for m in candidates for value in _facet_values(m, name))
            options = [
                {
                    "label": label,
                    "count": counts[value],
                    "url": self.url_with(name, value),
                    "active": active.get(name) == value,
                }
                for value, label in labels[name].items()
                if counts[value] or active.get(name) == value
            ]
            if options:
                facets.append(
                    {
                        "name": name,
                        "heading": FACET_HEADINGS[name],
                        "all_label": ALL_LABELS[name],
                        "all_url": self.url_with(name, None),
                        "all_count": len(candidates),
                        "all_active": name not in active,
                        "options": options,
                    }
                )
        return facets

    def url_with(self, name, value):
        params = {"q": self.query, **self.active_filters()}
        params.pop(name, None)
        if value is not None:
            params[name] = value
        return "?" + urlencode(params)
