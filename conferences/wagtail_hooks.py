from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
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


@hooks.register("register_admin_urls")
def register_registration_urls():
    return [path("registrations/", include((admin_views.urls(), "registrations")))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"),
        reverse("registrations:index"),
        name="registrations",
        icon_name="group",
        order=220,
    )


@hooks.register("filter_form_submissions_for_user")
def show_form_submissions_to_registration_managers_only(user, editable_forms):
    """Form submissions are personal data: of the people who may edit a form page, only those
    who may also see registrations (Moderators) see its submissions."""
    if user.has_perm(admin_views.VIEW_PERMISSION):
        return editable_forms
    return editable_forms.none()
