import datetime
import io
import os
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from conferences.models import ConferencePage
from home.roles import EDITORS, MODERATORS, TRANSLATORS

PASSWORD = "correct horse battery staple"
# SQL queries a public page may run for an anonymous visitor, however many items it shows.
QUERY_BUDGET = 15


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo site once; every database test starts from it and rolls back."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_site(db):
    return Page.objects.get(depth=2, locale__language_code="de").specific


def page_in(language, slug):
    return Page.objects.get(locale__language_code=language, slug=slug).specific


def _user_in(group_name, username):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return _user_in(EDITORS, "editor")


@pytest.fixture
def moderator(db):
    return _user_in(MODERATORS, "moderator")


@pytest.fixture
def translator(db):
    return _user_in(TRANSLATORS, "translator")


def run_settings(module, expression, *, prelude="", **env):
    """Start Django in a fresh process with these settings and environment; prints `expression`
    (or fails as starting would). `prelude` runs first, for imports."""
    environment = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": module, **env}
    script = "\n".join(
        ["import django", "django.setup()", "from django.conf import settings", prelude,
         f"print({expression})"]
    )  # fmt: skip
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


BERLIN = ZoneInfo("Europe/Berlin")


def add_conference(index, title, days_from_now, mode="online", venue=None, topics=()):
    start = timezone.now().astimezone(BERLIN).replace(
        hour=10, minute=0, second=0, microsecond=0
    ) + datetime.timedelta(days=days_from_now)
    page = ConferencePage(
        title=title,
        start=start,
        end=start + datetime.timedelta(hours=6),
        attendance_mode=mode,
        venue=venue,
    )
    page.topics = list(topics)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def queries_on_a_second_visit(client, url, params=None):
    """SQL queries of a visit once a first one has warmed the site caches (the page cache is
    off in tests, so the page itself is built anew)."""
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)
