from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_safe

from .i18n import live_language_codes
from .sitemap import AllLocalesSitemap

# Django caps the header the same way before parsing it.
MAX_ACCEPT_LANGUAGE_LENGTH = 500


def preferred_language(accept_language, available):
    """The first language of the visitor's Accept-Language that we publish, else the default."""
    for language, _quality in parse_accept_lang_header(
        accept_language[:MAX_ACCEPT_LANGUAGE_LENGTH]
    ):
        language = language.lower()
        for candidate in (language, language.split("-")[0]):
            if candidate in available:
                return candidate
    return settings.LANGUAGE_CODE


@require_safe
def root_redirect(request):
    language = preferred_language(
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""), live_language_codes()
    )
    response = redirect(f"/{language}/")
    patch_vary_headers(response, ["Accept-Language"])
    return response


@require_safe
def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
