"""What every page shows and only the site's structure changes (header, footer, the list of
live languages) is cached under a site version that every publish, unpublish, move, deletion,
locale, site and settings change replaces.

A request reads the version once (SiteVersionMiddleware), so that its fragments take one round
trip to the cache each, and none of them is stored under a version newer than the data it was
worked out from."""

import pickle
import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail.models import Site

SITE_VERSION_KEY = "home:site-version"
KEPT_FOR = 86400
_MISSING = object()
# The version this request has read, in a dict set up per request; None outside a request.
_read_in_request = ContextVar("site_version_read_in_request", default=None)
# Site lookups by (version, hostname, port), pickled so that no request shares an instance.
_sites = {}
MAX_SITE_LOOKUPS = 64
WITHOUT_SITE = ("/healthz", "/static/", "/media/")


def site_version():
    read = _read_in_request.get()
    if read:
        return read["version"]
    version = cache.get(SITE_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(SITE_VERSION_KEY, version, None)
    if read is not None:
        read["version"] = version
    return version


def _new_version():
    # A fresh value rather than an increment: it cannot collide with a version set before a
    # cache flush, so no stale fragment is ever served again.
    version = time.time_ns()
    cache.set(SITE_VERSION_KEY, version, None)
    if (read := _read_in_request.get()) is not None:
        read["version"] = version


def site_changed(**kwargs):
    """A new version now, and another once the change is committed: a request elsewhere that
    read the first before the commit may have cached what the database showed until then."""
    _new_version()
    transaction.on_commit(_new_version)


def site_for_request(request):
    """Wagtail's Site.find_for_request without its query: the lookup is kept in this process
    per site version (an attribute of the request, as Wagtail keeps it)."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        key = (site_version(), hostname, request.get_port())
        if key not in _sites:
            if len(_sites) >= MAX_SITE_LOOKUPS:
                _sites.clear()
            _sites[key] = pickle.dumps(Site._find_for_request(request))
        request._wagtail_site = pickle.loads(_sites[key])
    return request._wagtail_site


class SiteVersionMiddleware:
    """Reads the site version at most once per request and finds the request's site, except
    for the health check, which must answer when the cache does not, and for files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _read_in_request.set({})
        try:
            if not request.path.startswith(WITHOUT_SITE):
                site_for_request(request)
            return self.get_response(request)
        finally:
            _read_in_request.reset(token)


def cached(key, compute, seconds=KEPT_FOR):
    """What `compute()` returns, worked out once per site version (and at least once in
    `seconds`, a day unless given; every time when `seconds` is 0)."""
    if not seconds:
        return compute()
    versioned = f"{key}:{site_version()}"
    value = cache.get(versioned, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(versioned, value, seconds)
    return value


def cached_many(items, compute, seconds=KEPT_FOR):
    """`compute(item)` for every key and item of the dict `items`, in its order, each worked out
    once per site version like `cached`, and all looked up in one round trip to the cache."""
    version = site_version()
    versioned = {f"{key}:{version}": item for key, item in items.items()}
    found = cache.get_many(list(versioned))
    missing = {key: compute(item) for key, item in versioned.items() if key not in found}
    if missing:
        cache.set_many(missing, seconds)
    found.update(missing)
    return [found[key] for key in versioned]
