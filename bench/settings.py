"""The settings `make bench` serves with: `make run`'s, with production's task backend, so mails
are queued for the task worker instead of being composed within the registration request.
bench/registrations.py turns DEBUG off and keeps database connections open (CONN_MAX_AGE).

With STATIC_ROOT in the environment (a directory `collectstatic` filled under these settings),
static files are served by whitenoise from there, as production serves them; bench/pages.py
sets it for the gunicorn it starts. PAGE_CACHE_SECONDS is read from the environment as in every
environment, 0 (off) unless set."""

from cms.settings.dev import *  # noqa: F403
from cms.settings.dev import MIDDLEWARE, STORAGES, env

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

if "STATIC_ROOT" in env:
    STATIC_ROOT = env.path("STATIC_ROOT")
    MIDDLEWARE = [*MIDDLEWARE]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
