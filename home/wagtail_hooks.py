from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .i18n import live_language_codes
from .models import Topic
from .page_cache import mark_shareable
from .rich_text import CachedDocumentLinkHandler, CachedImageEmbedHandler, CachedPageLinkHandler
from .roles import may_edit_source


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("before_serve_page")
def refuse_languages_without_content(page, request, serve_args, serve_kwargs):
    """/fr/… must not show German pages under a French address while French has no content."""
    if get_language() not in live_language_codes():
        raise Http404


@hooks.register("before_edit_snippet")
def keep_source_snippets_to_their_authors(request, instance):
    if not may_edit_source(request.user, instance):
        return permission_denied(request)


@hooks.register("before_serve_page")
def note_whether_the_page_may_be_shared(page, request, serve_args, serve_kwargs):
    mark_shareable(request, page)


@hooks.register("register_rich_text_features", order=1)
def expand_rich_text_from_the_cache(features):
    # Runs after Wagtail's own registrations (order 0), whose handlers these replace.
    features.register_link_type(CachedPageLinkHandler)
    features.register_link_type(CachedDocumentLinkHandler)
    features.register_embed_type(CachedImageEmbedHandler)
