"""What every page shows and only the site's structure changes (header, footer, the list of
live languages) is cached under a site version that every publish, unpublish, move, deletion,
locale, site and settings change replaces."""

import time

from django.core.cache import cache

SITE_VERSION_KEY = "home:site-version"
KEPT_FOR = 86400
_MISSING = object()


def site_version():
    version = cache.get(SITE_VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(SITE_VERSION_KEY, version, None)
    return version


def site_changed(**kwargs):
    # A fresh value rather than an increment: it cannot collide with a version set before a
    # cache flush, so no stale fragment is ever served again.
    cache.set(SITE_VERSION_KEY, time.time_ns(), None)


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
