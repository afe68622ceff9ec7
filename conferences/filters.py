from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from home.choices import FederalState
from home.models import topic_choices

from .models import AttendanceMode, EventFormat, EventPage

UPCOMING, PAST = "upcoming", "past"
FIRST_YEAR, LAST_YEAR = 2019, 2100


def with_all(choices, label):
    return [("", label), *choices]


# Filter name in the URL → the lookup it narrows events by (the topic is a subquery).
NARROWING = {
    "format": "event_format",
    "mode": "attendance_mode",
    "state": "venue__federal_state",
    "year": "start__year",
    "topic": None,
}


class EventFilterForm(forms.Form):
    """The event list's filters. Values arrive from shared URLs, so anything may come in:
    valid filters apply, invalid ones are reported and ignored."""

    when = forms.ChoiceField(
        label=_("Time"),
        required=False,
        choices=[(UPCOMING, _("Upcoming events")), (PAST, _("Past events (archive)"))],
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=with_all(EventFormat.choices, _("All formats"))
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    mode = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=with_all(AttendanceMode.choices, _("On site and online")),
    )
    state = forms.ChoiceField(
        label=_("Federal state"),
        required=False,
        choices=with_all(FederalState.choices, _("All federal states")),
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = with_all(topic_choices(locale), _("All topics"))

    def value(self, name):
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    def narrowing(self):
        """The usable filters other than the time, with their values."""
        values = {name: self.value(name) for name in NARROWING}
        return {name: value for name, value in values.items() if value not in (None, "")}

    def narrow(self, events):
        """The events every filter but the time leaves."""
        for name, value in self.narrowing().items():
            if name == "topic":
                # A subquery rather than a join: no event is listed twice, so no DISTINCT over
                # whole page rows is needed.
                tagged = EventPage.topics.through.objects.filter(
                    eventpage=OuterRef("pk"), topic__slug=value
                )
                events = events.filter(Exists(tagged))
            else:
                events = events.filter(**{NARROWING[name]: value})
        return events

    def in_time(self, events, now):
        """Of (pk, end) pairs in the order the events start, the ids the time filter leaves:
        upcoming ones (not yet ended) first to last, past ones latest first."""
        if self.is_archive:
            return [pk for pk, end in reversed(events) if end < now]
        return [pk for pk, end in events if end >= now]

    @property
    def is_archive(self):
        return self.value("when") == PAST
