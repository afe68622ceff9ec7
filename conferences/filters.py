from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.choices import FederalState
from home.models import topic_choices

from .models import AttendanceMode, EventFormat, EventPage

UPCOMING, PAST = "upcoming", "past"
FIRST_YEAR, LAST_YEAR = 2019, 2100


def with_all(choices, label):
    return [("", label), *choices]


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

    def apply(self, events):
        now = timezone.now()
        if self.value("when") == PAST:
            events = events.filter(end__lt=now).order_by("-start")
        else:
            events = events.filter(end__gte=now).order_by("start")
        filters = {
            "format": "event_format",
            "mode": "attendance_mode",
            "state": "venue__federal_state",
            "year": "start__year",
        }
        for name, lookup in filters.items():
            value = self.value(name)
            if value not in (None, ""):
                events = events.filter(**{lookup: value})
        if topic := self.value("topic"):
            # A subquery rather than a join: no event is listed twice, so no DISTINCT over
            # whole page rows is needed.
            tagged = EventPage.topics.through.objects.filter(
                eventpage=OuterRef("pk"), topic__slug=topic
            )
            events = events.filter(Exists(tagged))
        return events

    @property
    def is_archive(self):
        return self.value("when") == PAST
