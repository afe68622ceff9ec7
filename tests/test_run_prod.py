"""The process model: `make run-prod` runs the Procfile's processes, which serve the demo site
with the production settings on PostgreSQL, Redis and a moto S3; the task worker runs what is
queued, and stopping the stack leaves no process behind. The test runs `python -m ops.run_prod`
as a user does, in a database of its own that is dropped afterwards. The systemd units in
deploy/systemd/ run the same commands, and systemd accepts them."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import get_commands

from ops.run_prod import (
    DEFAULT_REDIS_URL,
    PROCFILE,
    PROJECT_DIR,
    StackError,
    check_redis,
    connect,
    database_url,
)

# One per run, so that runs at the same time (CI jobs, developers) never drop each other's.
DATABASE = f"startsmart_prod_test_{os.getpid()}"
# Not run-prod's Redis database, which run_prod empties when it creates the test's database.
REDIS_URL = urlsplit(os.environ.get("REDIS_URL", DEFAULT_REDIS_URL))._replace(path="/15").geturl()
STARTUP_TIMEOUT = 180
UNITS_DIR = PROJECT_DIR / "deploy" / "systemd"
UNITS_INSTALL_DIR = "/srv/startsmart"
MAIL_SUBJECT = f"Anfrage {uuid.uuid4().hex}"
# Queued the way a form submission queues its notification, but ahead of the search index
# updates the demo content queued; prints the task's status once the worker is done with it.
ENQUEUE_NOTIFICATION = f"""
import time
from django_tasks.base import TASK_MAX_PRIORITY
from home.tasks import send_form_notification
result = send_form_notification.using(priority=TASK_MAX_PRIORITY).enqueue(
    subject={MAIL_SUBJECT!r},
    body="Bitte rufen Sie uns an.",
    from_address="noreply@example.org",
    to_addresses=["redaktion@example.org"],
)
deadline = time.monotonic() + 90
while not result.is_finished and time.monotonic() < deadline:
    time.sleep(0.5)
    result.refresh()
print(result.status)
"""


def require_postgresql_and_redis():
    try:
        with connect(database_url("postgres")):
            pass
        check_redis(REDIS_URL)
    except StackError as error:
        # Part of the suite, as the browser tests are: without the servers it fails and says why.
        pytest.fail(
            f"the production stack needs PostgreSQL and Redis on this machine: {error}. "
            "Start them as the README's Two commands section says.",
            pytrace=False,
        )


def drop_database():
    with connect(database_url(DATABASE), dbname="postgres") as server:
        server.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_stack(port, mail_dir, log_path):
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "ops.run_prod", "--port", str(port), "--workers", "2"]
            + ["--database", DATABASE],
            cwd=PROJECT_DIR,
            env={**os.environ, "REDIS_URL": REDIS_URL, "EMAIL_FILE_PATH": str(mail_dir)},
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session, so that whatever it started can be found after it has gone.
            start_new_session=True,
        )


def log_tail(log_path):
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-40:])


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
        assert answer.status == 200, path
        return answer.read()


def wait_until_healthy(stack, port, log_path):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if stack.poll() is not None:
            pytest.fail(f"run_prod exited with status {stack.returncode}:\n{log_tail(log_path)}")
        with suppress(OSError):
            return get(port, "/healthz")
        time.sleep(1)
    pytest.fail(f"/healthz did not answer 200 in {STARTUP_TIMEOUT} s:\n{log_tail(log_path)}")


def enqueue_notification():
    """Queue a form notification from outside the stack, as the web process would."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "only-to-queue-a-task",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url(DATABASE),
        "REDIS_URL": REDIS_URL,
    }
    finished = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ENQUEUE_NOTIFICATION],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.split()[-1]


def processes_in_session(session):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(ProcessLookupError, PermissionError):
                if os.getsid(int(entry.name)) == session:
                    found.append(int(entry.name))
    return found


def test_run_prod_serves_the_demo_site_runs_queued_tasks_and_stops_without_leftovers(tmp_path):
    require_postgresql_and_redis()
    # The first start is under test; a killed run may have left a database of this name.
    drop_database()
    port = free_port()
    mail_dir = tmp_path / "mail"
    log_path = tmp_path / "run_prod.log"

    stack = start_stack(port, mail_dir, log_path)
    try:
        health = json.loads(wait_until_healthy(stack, port, log_path))
        assert {name.split("(")[0] for name in health} == {"Database", "Cache", "Storage"}
        assert set(health.values()) == {"OK"}

        home = BeautifulSoup(get(port, "/de/"), "html.parser")
        assert home.html["lang"] == "de"
        assert home.body["data-page-type"] == "home.homepage"
        # Collected once by the build step, under hashed names, and served by whitenoise.
        stylesheet = home.find("link", rel="stylesheet")["href"]
        assert stylesheet.startswith("/static/css/site.")
        assert get(port, stylesheet)

        assert enqueue_notification() == "SUCCESSFUL"
        sent = "".join(mail.read_text() for mail in mail_dir.iterdir())
        assert f"Subject: {MAIL_SUBJECT}" in sent

        stack.send_signal(signal.SIGINT)
        assert stack.wait(timeout=60) == 0, log_tail(log_path)
    finally:
        if stack.poll() is None:
            os.killpg(stack.pid, signal.SIGKILL)
            stack.wait()
        leftovers = processes_in_session(stack.pid)
        for pid in leftovers:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        drop_database()
    assert leftovers == [], log_tail(log_path)


def test_every_command_of_the_procfile_and_the_systemd_units_exists():
    process_model = [PROCFILE, *UNITS_DIR.iterdir()]
    named = {
        command
        for path in process_model
        for command in re.findall(r"python manage\.py (\w+)", path.read_text())
    }
    assert {"migrate", "db_worker", "run_registration_jobs", "purge_search_statistics"} <= named
    assert named <= set(get_commands())


def test_systemd_accepts_the_units(tmp_path):
    if not shutil.which("systemd-analyze"):
        pytest.fail(
            "systemd-analyze not found: install it with `apt-get install systemd`", pytrace=False
        )
    # systemd checks that each command is an executable file: the units name the one of an
    # installation in /srv/startsmart, here it is this checkout's.
    for unit in UNITS_DIR.iterdir():
        text = unit.read_text().replace(UNITS_INSTALL_DIR, str(PROJECT_DIR))
        (tmp_path / unit.name).write_text(text)
    verified = subprocess.run(
        ["systemd-analyze", "verify", *sorted(tmp_path.iterdir())],
        capture_output=True,
        text=True,
    )
    # An unknown setting is only a warning, so any output fails the test.
    assert (verified.returncode, verified.stderr + verified.stdout) == (0, "")


def test_an_app_server_keeps_what_it_loaded_out_of_the_garbage_collectors_way():
    # Wagtail loaded is about 180,000 objects. A full collection that scanned them all took about
    # 100 ms, in the middle of whichever request set it off.
    script = "import gc, cms.wsgi; print(gc.get_freeze_count(), len(gc.get_objects()))"
    shown = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    frozen, scanned = map(int, shown.stdout.split())
    assert frozen > 100_000
    assert scanned < frozen / 10
