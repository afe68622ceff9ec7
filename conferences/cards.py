"""Event cards, as listings show them. A card costs more to render than its row costs to fetch,
and changes only when its event is published again, so each is rendered once per site
version."""

from django.template.loader import get_template
from django.utils.translation import get_language

from home.fragments import cached_many

# What a card shows: loading only these skips parsing the programme and the other
# StreamFields of every event listed.
CARD_FIELDS = (
    "title",
    "url_path",
    "teaser",
    "start",
    "end",
    "event_format",
    "attendance_mode",
    "status",
    "venue__city",
)


def render_card(event, request):
    return get_template("conferences/includes/event_card.html").render(
        {"event": event, "request": request}
    )


def event_cards(events, request):
    """The rendered cards of `events`, in their order."""
    language = get_language()
    return cached_many(
        {f"conferences:event-card:{event.pk}:{language}": event for event in events},
        lambda event: render_card(event, request),
    )
