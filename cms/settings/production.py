from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, MIDDLEWARE, STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if "ALLOWED_HOSTS" not in env:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")

# whitenoise serves the collected static files from every app server, behind the security one.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

# The header the TLS-terminating proxy sets and the value meaning HTTPS, "Name,value"; set it
# empty when no proxy sets one, or anyone could claim HTTPS by sending it.
_PROXY_SSL_HEADER = env.list("SECURE_PROXY_SSL_HEADER", default=["X-Forwarded-Proto", "https"])
if len(_PROXY_SSL_HEADER) not in (0, 2):
    raise ImproperlyConfigured('SECURE_PROXY_SSL_HEADER must be "Header-Name,value" or empty.')
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER[0].upper().replace("-", "_"), _PROXY_SSL_HEADER[1])
    if _PROXY_SSL_HEADER
    else None
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Wagtail's live preview shows the page in a frame of the admin, on the same origin, so frames
# stay allowed for our own origin (X-Frame-Options SAMEORIGIN) and nothing else.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# One JSON object per line on stderr, stripped of personal data (cms/logging.py). Django's own
# handlers are replaced, so nothing is mailed and runserver's request lines are JSON as well;
# its loggers take LOG_LEVEL from the root. Client errors (404 …) are not logged, errors are.
LOGGING = {
    **LOGGING,
    "filters": {"personal_data": {"()": "cms.logging.RemovePersonalData"}},
    "formatters": {"json": {"()": "cms.logging.JSONFormatter"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "json",
            "filters": ["personal_data"],
        }
    },
    "root": {**LOGGING["root"], "handlers": ["stderr"]},
    "loggers": {
        **LOGGING["loggers"],
        "django": {"handlers": [], "level": "NOTSET", "propagate": True},
        "django.server": {"handlers": [], "level": "NOTSET", "propagate": True},
        "django.request": {"level": "ERROR"},
    },
}
