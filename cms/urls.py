from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from conferences import views as conference_views
from home import views as home_views
from home.health import HealthView

urlpatterns = [
    # The translator workflow's checked versions of some wagtail-localize admin views answer
    # at wagtail-localize's own addresses, so they come first.
    path("admin/", include("localisation.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("", home_views.root_redirect, name="root"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(
        "registration/<str:token>/",
        conference_views.manage_registration,
        name="registration_manage",
    ),
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
