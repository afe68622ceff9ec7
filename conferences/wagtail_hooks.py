from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Speaker, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city", "federal_state"]
    list_filter = ["federal_state"]
    search_fields = ["name", "city"]


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation"]


class EventSnippets(SnippetViewSetGroup):
    items = (VenueViewSet, SpeakerViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_order = 210


register_snippet(EventSnippets)
