"""A page cache for anonymous visitors, in the shared cache (Redis in production).

Only pages that Wagtail serves are stored, only when the response is the same for everyone:
an anonymous visitor without a session, status 200, no cookie set, no CSRF token used (so no
form), and a page that does not show live figures (an event taking registrations shows its
seats). Entries are keyed by the site version, which every publish, unpublish, move, deletion
and change of a snippet, image, document, locale or setting replaces, so a change is never
served stale; PAGE_CACHE_SECONDS bounds what only time changes (an event becoming past).
With a CDN in front (wagtail.contrib.frontend_cache), publishing purges the page, its parent
listing and its language's home page there."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from .fragments import site_version

STATUS_HEADER = "X-Page-Cache"
# Headers a stored page is served with again; per-response ones (cookies, CSP) are not stored.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link", "Vary")
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/healthz")
MAX_QUERY_STRING = 300


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def mark_shareable(request, page):
    """Called as Wagtail serves a page: whether its response may be shared between visitors."""
    request.page_shareable = getattr(page, "shareable_response", True)


def _may_look_up(request):
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _may_store(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and getattr(request, "page_shareable", False)
        and not request.user.is_authenticated
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not response.cookies
        and not response.streaming
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{site_version()}:{hashlib.sha256(address.encode()).hexdigest()}"


def _cdn_cache_control(response):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        # The CDN keeps the page until publishing purges it; browsers always ask again.
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds())


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_look_up(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response[STATUS_HEADER] = "hit"
            _cdn_cache_control(response)
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), seconds())
            response[STATUS_HEADER] = "miss"
            _cdn_cache_control(response)
        return response


def purge_listings_from_cdn(instance, **kwargs):
    """wagtail.contrib.frontend_cache purges a published page itself; its parent lists it and
    the home page may show it, so they go too (old and new parent of a moved page)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    parents = {kwargs.get("parent_page_before"), kwargs.get("parent_page_after")}
    parents |= {instance.get_parent(), instance.get_site().root_page.localized}
    batch.add_pages([page for page in parents if page is not None and page.depth > 1])
    if kwargs.get("parent_page_after") is not None:
        batch.add_page(instance)
    batch.purge()
