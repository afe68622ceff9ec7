"""Settings shared by every environment. Deploy-time values come from the environment."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO

from localisation.machine import machine_translator_setting

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "home",
    "conferences",
    "casestudies",
    "localisation",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "home.middleware.MalformedContentLengthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "home.fragments.SiteVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.page_cache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction begins, so two registrations counting seats at
    # once wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if "REDIS_URL" in env:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
else:
    # One process's memory (development, tests). Fragments are cached per page, event card and
    # link: Django's default of 300 entries would evict them while a page is being assembled.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation. German is the source language. Every language below can become a
# content locale by adding it under Settings → Locales in the admin, so a third locale needs
# no code change; only languages with a Locale row are routed and offered to visitors.
LANGUAGE_CODE = "de"
_EXTRA_LANGUAGES = [
    "fr", "it", "es", "nl", "pl", "cs", "da", "sv", "fi", "pt", "el", "hu", "ro", "bg", "hr",
    "sk", "sl", "et", "lv", "lt", "tr", "uk", "ru", "ar",
]  # fmt: skip
LANGUAGES = [("de", "Deutsch"), ("en", "English")] + [
    (code, LANG_INFO[code]["name_local"]) for code in _EXTRA_LANGUAGES
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"


def s3_media_storage(
    bucket_name, *, endpoint_url=None, region_name=None, access_key=None, secret_key=None
):
    """Uploads in an S3 bucket. No ACL, so objects stay as private as the bucket; images are
    linked by signed, expiring URLs; a second upload of the same name never replaces the first."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket_name,
            "endpoint_url": endpoint_url,
            "region_name": region_name,
            "access_key": access_key,
            "secret_key": secret_key,
            "default_acl": None,
            "querystring_auth": True,
            # Signed addresses last an hour; cached fragments reuse them for half of that.
            "querystring_expire": 3600,
            "file_overwrite": False,
        },
    }


def s3_media_origin(bucket_name, endpoint_url=None):
    """Where the signed media URLs point, for the Content-Security-Policy."""
    endpoint = urlsplit(endpoint_url or "")
    if endpoint.netloc:
        return f"{endpoint.scheme}://{endpoint.netloc}"
    return f"https://{bucket_name}.s3.amazonaws.com"


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
_MEDIA_ORIGINS = []
if _S3_BUCKET := env("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = s3_media_storage(
        _S3_BUCKET,
        endpoint_url=env("AWS_S3_ENDPOINT_URL", default=None),
        region_name=env("AWS_S3_REGION_NAME", default=None),
        access_key=env("AWS_ACCESS_KEY_ID", default=None),
        secret_key=env("AWS_SECRET_ACCESS_KEY", default=None),
    )
    _MEDIA_ORIGINS.append(s3_media_origin(_S3_BUCKET, env("AWS_S3_ENDPOINT_URL", default=None)))

# Content Security Policy of the public site: nothing but what is named, each from our own
# origin (images and media also from the bucket when S3 is used), no inline scripts or styles,
# so no nonces are needed. The Wagtail admin is excluded because its editor needs inline
# styles; it is reached only by signed-in staff.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_MEDIA_ORIGINS],
        "media-src": [SELF, *_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-mail"))
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Start Smart <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: tasks run in-process unless production settings pick the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Pages shared by all anonymous visitors are cached this long at most (home/page_cache.py);
# publishing replaces them at once. 0 turns the page cache off (development, tests).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# The matches of a search and the suggestions for a beginning typed are kept this long at most
# (search/query.py); any change to the site replaces them at once. 0 turns this off.
SEARCH_CACHE_SECONDS = env.int("SEARCH_CACHE_SECONDS", default=300)
# A CDN in front: publishing purges the page, its parent and its home page there.
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    }
elif env("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
            "ZONEID": env("CLOUDFLARE_ZONE_ID"),
        }
    }

WAGTAIL_SITE_NAME = "Start Smart"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Wagtail's database backend, with PostgreSQL's stemming chosen per locale (search/backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx", "zip",
    "mp4", "webm", "vtt",
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
# Refuses a document whose content is not what its extension says (home/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.uploads.DocumentForm"
# Documents always go through Wagtail's view, which enforces collection privacy, instead of a
# redirect to a signed bucket URL anyone could pass on; every one is a download, never shown
# inline in our origin, and the view sends "default-src 'none'" and nosniff with it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# No SVG: it can carry script. Wagtail checks that the content is an image of the named format;
# our form adds a message instead of a server error for a damaged one (home/uploads.py).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.uploads.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# 40 megapixels (e.g. 8000 × 5000): a larger image would take too much memory for renditions.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILEMBEDS_FINDERS = []
# No request may leave our host: no avatars from gravatar.com.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# DeepL with DEEPL_API_KEY, otherwise a dummy whose output is marked as no translation.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_setting(env("DEEPL_API_KEY", default=""))
# A page submitted for translation starts as a draft in the target language, instead of going
# live at once with the untranslated (German) text under an English address.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Registrations: per-IP rate limit on the shared cache (django-ratelimit; "0" turns it off),
# behind a proxy read the client address from the header it sets (e.g. HTTP_X_REAL_IP).
REGISTRATION_RATE_LIMIT = env("REGISTRATION_RATE_LIMIT", default="10/m")
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default=None)
REGISTRATION_MIN_FILL_SECONDS = 3
REGISTRATION_REMINDER_DAYS = 3

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # One line per task run is noise; failures still show as warnings and errors.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}
FORMAT_MODULE_PATH = ["cms.formats"]
