from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if "ALLOWED_HOSTS" not in env:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")

# whitenoise serves the collected static files from every app server, behind the security one.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
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
