import pytest

from tests.conftest import run_settings

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("path", ["/de/", "/en/events/", "/de/barrierefreiheit/", "/de/missing/"])
def test_public_pages_allow_only_our_own_origin(client, demo_site, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_public_pages_send_the_protective_headers(client, demo_site):
    response = client.get("/de/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_pages_contain_no_inline_script_or_style(client, demo_site):
    from bs4 import BeautifulSoup

    for path in ("/de/", "/en/", "/de/veranstaltungen/regionalkonferenz-guetersloh-2023/"):
        html = BeautifulSoup(client.get(path).content, "html.parser")
        inline_scripts = [
            tag for tag in html.find_all("script")
            if not tag.get("src") and tag.get("type") != "application/ld+json"
        ]  # fmt: skip
        assert not inline_scripts, path
        assert not html.find_all("style"), path
        assert not html.select("[style]"), path


PRODUCTION = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        (None, "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ("X-Forwarded-Scheme,https", "('HTTP_X_FORWARDED_SCHEME', 'https')"),
        ("", "None"),
    ],
)
def test_the_proxys_https_header_is_configurable(configured, expected):
    environment = (
        PRODUCTION if configured is None else {**PRODUCTION, "SECURE_PROXY_SSL_HEADER": configured}
    )
    result = run_settings(
        "cms.settings.production", "settings.SECURE_PROXY_SSL_HEADER", **environment
    )
    assert result.stdout.strip() == expected, result.stderr


def test_a_malformed_proxy_header_setting_stops_the_start():
    result = run_settings(
        "cms.settings.production", "1", SECURE_PROXY_SSL_HEADER="https", **PRODUCTION
    )
    assert result.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER must be" in result.stderr
