"""Debian's Chromium, driven through Playwright, against pytest-django's live server.

One browser per session, a fresh context per test. Every context refuses requests that would
leave the machine, so a stray CDN or tracker fails fast instead of hanging the suite.

live_server makes every test transactional: the database is flushed after each one. Tests
get the migrated database back through serialized rollback (`site_db`), and the demo site by
writing back the rows load_demo_content produced the first time (`demo_content`).
"""

import io
import json
import re
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.models.signals import m2m_changed, post_save, pre_save

from .support import AXE_SCRIPT, SCREENSHOT_DIR, axe_violations, is_local

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


_FINDINGS = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, config):
    findings = config.stash.get(_FINDINGS, [])
    if findings:
        terminalreporter.section("browser checks")
        for line in findings:
            terminalreporter.write_line(line)


@pytest.fixture
def report(request):
    """Add a line to the run's "browser checks" summary."""
    findings = request.config.stash.setdefault(_FINDINGS, [])
    return lambda line: findings.append(f"{request.node.nodeid}: {line}")


def _require(path, what, remedy):
    """The browser tests are part of the suite: without the browser they fail and say why."""
    if not path.exists():
        pytest.fail(f"{what} not found at {path}: {remedy}", pytrace=False)


@pytest.fixture(scope="session")
def browser():
    _require(CHROMIUM, "Chromium", "install it with `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio loop running in this thread, which makes
        # Django refuse ORM calls from tests and fixtures as if they came from async code.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            # It also runs this thread in another context, where Django opens new connection
            # objects: they need the migrated rows that serialized rollback restores.
            for alias, rows in serialized.items():
                connections[alias]._test_serialized_contents = rows
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
            connections.close_all()


@pytest.fixture
def external_requests():
    """URLs the browser tried to reach beyond this machine (and was refused)."""
    return []


@pytest.fixture
def context_options():
    """Extra options for the browser context; a test module overrides this when it needs to."""
    return {}


@pytest.fixture
def open_context(browser, live_server, external_requests, context_options):
    """Open a browser context: one person's browser, with its own cookies and session."""
    contexts = []

    def only_local(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            external_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def open_():
        options = {
            "base_url": live_server.url,
            "locale": "de-DE",
            "timezone_id": "Europe/Berlin",
            "viewport": {"width": 1280, "height": 900},
            # axe-core is injected as an inline script, which the site's CSP rightly refuses;
            # tests/test_security_headers.py checks the policy and that pages need no inline code.
            "bypass_csp": True,
            **context_options,
        }
        context = browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(15_000)
        context.route("**/*", only_local)
        return context

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def context(open_context):
    return open_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def axe(browser):
    """axe-core's WCAG 2.1 A and AA violations on a page, as it is when called."""
    _require(AXE_SCRIPT, "axe-core", "install it with `make node`")
    return axe_violations


@contextmanager
def _model_signals_muted():
    signals = (pre_save, post_save, m2m_changed)
    saved = [signal.receivers for signal in signals]
    for signal in signals:
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in zip(signals, saved, strict=True):
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


_write_serialized_rows = BaseDatabaseCreation.deserialize_db_from_string


def _write_rows(creation, rows):
    """Write serialized rows back as they were, without replaying model signals.

    Django saves them with raw=True in INSTALLED_APPS order, and receivers that ignore raw
    (wagtail-localize syncs the page trees when a LocaleSynchronization is saved) would run
    against a half-written database and fail.
    """
    with _model_signals_muted():
        _write_serialized_rows(creation, rows)


def _is_empty(db):
    """Whether the previous test's flush left nothing behind (flushing again takes a while)."""
    quote = db.ops.quote_name
    with db.cursor() as cursor:
        for table in db.introspection.django_table_names(only_existing=True):
            cursor.execute(f"SELECT 1 FROM {quote(table)} LIMIT 1")
            if cursor.fetchone():
                return False
    return True


@pytest.fixture(scope="session")
def _exact_serialized_rollback():
    """Serialized rollback that restores the migrated database exactly.

    Django writes the rows over whatever the database holds. That is nothing after a flush,
    but the session's first transactional test inherits what the session set up (the demo
    content of tests/conftest.py), and the mix of both is a corrupt page tree.
    """

    def restore(creation, data):
        if not _is_empty(creation.connection):
            call_command(
                "flush",
                database=creation.connection.alias,
                interactive=False,
                inhibit_post_migrate=True,
                reset_sequences=False,
                verbosity=0,
            )
        _write_rows(creation, data)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseCreation, "deserialize_db_from_string", restore)
        yield


@pytest.fixture
def site_db(_exact_serialized_rollback, django_db_serialized_rollback, live_server):
    """The database as migrations leave it: German home page, locales, roles and workflow.

    live_server flushes the database after each test; serialized rollback brings back what the
    migrations created. The cache (shared with the live server's thread) may still describe
    the previous test's pages, so it starts empty too.
    """
    cache.clear()


def _rows_by_key(serialized):
    return {(row["model"], row["pk"]): row for row in json.loads(serialized)}


@pytest.fixture(scope="session")
def _demo_rows():
    """The rows load_demo_content adds to the migrated database, captured the first time.

    The command takes seconds (it translates every page through wagtail-localize); writing
    its rows back takes a fraction of that. Holds None until captured, and False when the
    command deleted migrated rows, which writing rows back could not repeat.
    """
    return {"rows": None}


@pytest.fixture
def demo_content(site_db, _demo_rows):
    """The demo site in German and English, as `make run` shows it."""
    if _demo_rows["rows"]:
        _write_rows(connection.creation, _demo_rows["rows"])
        cache.clear()
        return
    call_command("load_demo_content", stdout=io.StringIO())
    if _demo_rows["rows"] is None:
        migrated = _rows_by_key(connection._test_serialized_contents)
        loaded = _rows_by_key(connection.creation.serialize_db_to_string())
        added = [row for key, row in loaded.items() if migrated.get(key) != row]
        _demo_rows["rows"] = migrated.keys() <= loaded.keys() and json.dumps(added)


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot as test-artifacts/screenshots/<test-name>-<step>.png."""
    test_name = re.sub(r"[^\w.]+", "-", request.node.name).strip("-")

    def take(page, step):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{test_name}-{step}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
