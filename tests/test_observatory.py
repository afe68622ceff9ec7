"""The production headers earn an A+ by the Mozilla HTTP Observatory's scoring rules: every
test without a penalty, and the bonuses a site of our own origin can earn."""

import json

import pytest
from django.db import connection

from tests.conftest import run_settings

pytestmark = pytest.mark.django_db

# A request in a fresh process with the production settings, against the test database.
PROBE = """json.dumps({
    "secure": dict(Client().get("/healthz", secure=True, HTTP_HOST="www.example.org").headers),
    "plain": dict(Client().get("/de/", HTTP_HOST="www.example.org").headers),
    "cookies": {name: getattr(settings, name) for name in COOKIE_SETTINGS},
})"""
PROBE_PRELUDE = (
    "import json; from django.test import Client; COOKIE_SETTINGS = ('SESSION_COOKIE_SECURE', "
    "'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE', "
    "'CSRF_COOKIE_SAMESITE')"
)
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
HALF_A_YEAR = 15768000


def database_url_of_this_run():
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"] or "postgres", settings["HOST"], settings["PORT"]
    return f"postgres://{user}@{host or '127.0.0.1'}:{port or 5432}/{settings['NAME']}"


@pytest.fixture
def production(demo_site):
    result = run_settings(
        "cms.settings.production",
        PROBE,
        prelude=PROBE_PRELUDE,
        SECRET_KEY="s" * 60,
        ALLOWED_HOSTS="www.example.org",
        DATABASE_URL=database_url_of_this_run(),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def csp(headers):
    policy = headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_the_policy_blocks_everything_not_named_and_allows_nothing_unsafe(production):
    policy = csp(production["secure"])
    assert policy["default-src"] == [
        "'none'"
    ]  # bonus: csp-implemented-with-no-unsafe-default-src-none
    assert not any(value.startswith("'unsafe-") for values in policy.values() for value in values)
    assert not any(value in ("*", "http:", "https:", "data:") for value in policy["script-src"])
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]


def test_framing_is_limited_by_the_policy(production):
    # bonus: x-frame-options-implemented-via-csp
    assert csp(production["secure"])["frame-ancestors"] == ["'self'"]
    assert production["secure"]["X-Frame-Options"] == "SAMEORIGIN"


def test_referrers_stay_private(production):
    # bonus: referrer-policy-private
    assert production["secure"]["Referrer-Policy"] in PRIVATE_REFERRER_POLICIES


def test_https_is_enforced_for_half_a_year_at_least(production):
    hsts = dict(
        part.strip().partition("=")[::2]
        for part in production["secure"]["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= HALF_A_YEAR
    assert "includeSubDomains" in hsts


def test_plain_http_is_redirected_to_https_on_the_same_host(production):
    assert production["plain"]["Location"] == "https://www.example.org/de/"


def test_content_types_are_not_sniffed_and_nothing_is_shared_cross_origin(production):
    assert production["secure"]["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in production["secure"]


def test_cookies_are_secure_http_only_for_sessions_and_same_site(production):
    # bonus: cookies-secure-with-httponly-sessions-and-samesite
    cookies = production["cookies"]
    assert cookies["SESSION_COOKIE_SECURE"] and cookies["CSRF_COOKIE_SECURE"]
    assert cookies["SESSION_COOKIE_HTTPONLY"]
    assert cookies["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert cookies["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
