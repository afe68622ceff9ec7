from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "federal_state", "population", "size_class", "cohort"]
    list_filter = ["federal_state", "size_class", "cohort", "municipality_type"]
    search_fields = ["name"]


register_snippet(MunicipalityViewSet)
