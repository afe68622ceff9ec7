"""Views that replace wagtail-localize's at the same admin URLs (localisation/views.py).
Included under "admin/" before Wagtail's admin URLs, so these match first."""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import views

# Wagtail decorates its admin URLs the same way.
urlpatterns = decorate_urlpatterns(
    [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            views.upload_pofile,
            name="localisation_upload_pofile",
        ),
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            views.machine_translate_view,
            name="localisation_machine_translate",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.SyncTranslationsView.as_view(),
            name="localisation_update_translations",
        ),
    ],
    require_admin_access,
)
urlpatterns = decorate_urlpatterns(urlpatterns, never_cache)
