"""Production logs are one JSON object per line on stderr and carry no personal data: no e-mail
addresses, IP addresses, query strings, cookies or headers, even from a visitor's 404 or a
server error whose exception names a registrant."""

import io
import json
import logging
from datetime import datetime, timedelta

import pytest

from cms.logging import JSONFormatter, RemovePersonalData
from home.health import HealthView
from tests.conftest import run_settings

pytestmark = pytest.mark.django_db

VISITOR = {
    "REMOTE_ADDR": "203.0.113.7",
    "HTTP_X_FORWARDED_FOR": "2001:db8::7",
    "HTTP_COOKIE": "sessionid=secret-session",
    "HTTP_USER_AGENT": "Mozilla/5.0 (erika.mustermann@example.org)",
}
PERSONAL = [
    "example.org",
    "erika",
    "203.0.113.7",
    "2001:db8::7",
    "secret-session",
    "email=",
    "Mozilla",
]


@pytest.fixture
def production_log():
    """What the production handler writes for Django's request logger, warnings included."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JSONFormatter())
    handler.addFilter(RemovePersonalData())
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(level)


def entries(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def assert_no_personal_data(stream):
    for fragment in PERSONAL:
        assert fragment not in stream.getvalue()


def test_a_404_for_an_address_with_an_email_is_logged_with_status_method_and_clean_path(
    client, production_log
):
    response = client.get(
        "/de/erika.mustermann@example.org/", {"email": "erika@example.org"}, **VISITOR
    )

    assert response.status_code == 404
    [entry] = entries(production_log)
    assert entry == {
        "time": entry["time"],
        "level": "WARNING",
        "logger": "django.request",
        "message": "Not Found: /de/[email]/",
        "status_code": 404,
        "method": "GET",
        "path": "/de/[email]/",
    }
    assert datetime.fromisoformat(entry["time"]).utcoffset() == timedelta(0)
    assert_no_personal_data(production_log)


def test_a_server_error_is_logged_with_its_exception_but_without_personal_data(
    client, production_log, monkeypatch
):
    def fail(view, request):
        raise ConnectionError("SMTP refused erika@example.org from 203.0.113.7")

    monkeypatch.setattr(HealthView, "get", fail)
    client.raise_request_exception = False

    response = client.get("/healthz", {"email": "erika@example.org"}, **VISITOR)

    assert response.status_code == 500
    [entry] = entries(production_log)
    assert entry["level"] == "ERROR"
    assert (entry["status_code"], entry["method"], entry["path"]) == (500, "GET", "/healthz")
    assert entry["exception"] == "ConnectionError"
    assert entry["traceback"].startswith("Traceback (most recent call last):")
    assert entry["traceback"].endswith("ConnectionError: SMTP refused [email] from [ip]")
    assert_no_personal_data(production_log)


def test_every_record_is_one_line_even_with_line_breaks_or_wrong_arguments(production_log):
    logger = logging.getLogger("django.request")
    logger.error("first line\nsecond line for %s", "erika@example.org")
    logger.error("a call with %s and %s but one argument", "erika@example.org")
    logger.error("Key (email)=(erika@example.org) already exists")

    assert [entry["message"] for entry in entries(production_log)] == [
        "first line\nsecond line for [email]",
        "a call with %s and %s but one argument",
        "Key (email)=([value]) already exists",
    ]
    assert_no_personal_data(production_log)


def test_production_settings_write_json_to_stderr_and_leave_out_client_errors():
    result = run_settings(
        "cms.settings.production",
        "logging.getLogger('django').handlers",
        prelude="import logging\n"
        "logging.getLogger('django.request').warning('Not Found: /de/erika/')\n"
        "logging.getLogger('django.request').error('Internal Server Error: /de/?q=erika')\n"
        "logging.getLogger('conferences').info('Mail to %s sent', 'erika@example.org')",
        SECRET_KEY="test-only-key",
        ALLOWED_HOSTS="www.example.de",
        LOG_LEVEL="INFO",
    )

    assert result.returncode == 0, result.stderr
    assert [
        (entry["logger"], entry["message"]) for entry in entries(io.StringIO(result.stderr))
    ] == [
        ("django.request", "Internal Server Error: /de/"),
        ("conferences", "Mail to [email] sent"),
    ]
    # Django's own handlers, mail to the admins among them, are gone.
    assert result.stdout.strip() == "[]"
