from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

# wagtail.contrib.search_promotions's report of the same name counts searches in its own
# tables, which this site's search does not feed: editors would only ever see it empty.
WAGTAIL_SEARCH_TERMS_MENU_ITEM = "search-terms"


class SearchStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.permission_policy.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_search_statistics_urls():
    return [path("reports/search-statistics/", include((admin_views.urls(), "search_statistics")))]


@hooks.register("register_reports_menu_item")
def register_search_statistics_menu_item():
    return SearchStatisticsMenuItem(
        gettext_lazy("Search terms"),
        reverse("search_statistics:index"),
        name="search-statistics",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms_report(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.name != WAGTAIL_SEARCH_TERMS_MENU_ITEM]


@hooks.register("register_permissions")
def register_search_statistics_permission():
    """Lets administrators grant the report to a group under Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="search", codename="view_querystatistic"
    )
