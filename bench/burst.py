"""Registration bursts: many people sending one event's registration form at the same moment,
over real HTTP, to a real multi-process server.

tests/test_registration_concurrency.py uses them to prove that concurrent submissions neither
overbook nor lose anyone, bench/registrations.py (`make bench`) to measure throughput. Both
run in a process where Django is set up; the server serves the database that process uses.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

import requests
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection

from bench.report import percentile

PROJECT_DIR = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 120
STARTUP_TIMEOUT = 60
# People opening the form at once; enough to keep the server busy, the sending is what counts.
FILLING_IN_TOGETHER = 8


def database_url(settings_dict):
    """The DATABASE_URL under which another process opens the database these settings name."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    location = quote(settings_dict["USER"], safe="")
    if settings_dict["PASSWORD"]:
        location += ":" + quote(settings_dict["PASSWORD"], safe="")
    location += f"@{settings_dict['HOST']}"
    if settings_dict["PORT"]:
        location += f":{settings_dict['PORT']}"
    return f"postgres://{location}/{settings_dict['NAME']}"


def filled_in(html, email, where, text):
    """The data of the registration form on the page `html`, filled in for `email`: every
    required choice takes its first option, every text field `text`, the trap stays empty."""
    # Models can be imported only once Django is set up.
    from conferences.registration_form import EMAIL_FIELD, HONEYPOT_FIELD

    form = BeautifulSoup(html, "html.parser").select_one("#register form")
    if form is None:
        raise RuntimeError(f"{where} shows no registration form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", field.name)
        if name == HONEYPOT_FIELD:
            data[name] = ""
        elif name == EMAIL_FIELD or kind == "email":
            data[name] = email
        elif kind in ("hidden", "checkbox"):
            data[name] = field.get("value", "on")
        elif kind == "radio":
            data.setdefault(name, field["value"])
        elif kind == "select":
            data[name] = field.select("option[value]:not([value=''])")[0]["value"]
        else:
            data[name] = text
    return data


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    log_file: Path

    def log(self):
        return self.log_file.read_text(errors="replace")


@contextmanager
def serve(*, workers):
    """gunicorn with the project's WSGI application, on a free local port: with the settings
    module and the database of this process, and with rate limiting off (every client here
    shares one address).

    Single-threaded workers, as the README deploys them: threaded ones trip over a Wagtail race
    on their first concurrent requests (RoutablePageMixin.get_resolver caches the resolver on
    the page class while another thread iterates that class's __dict__).

    The listening socket is opened here and handed over, so the port cannot be taken in
    between and requests sent before the workers are up wait in its backlog."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "REGISTRATION_RATE_LIMIT": "0",
    }
    with (
        socket.create_server(("127.0.0.1", 0), backlog=1024) as listener,
        tempfile.TemporaryDirectory() as log_dir,
    ):
        descriptor = listener.fileno()
        log_file = Path(log_dir) / "gunicorn.log"
        command = [
            *(sys.executable, "-m", "gunicorn", "cms.wsgi:application", "--preload"),
            *("--bind", f"fd://{descriptor}"),
            *("--workers", str(workers)),
            # Stopped only once nothing is in flight: no need to wait for idle workers.
            *("--graceful-timeout", "1"),
            # The default control socket path is per user: parallel servers would share it.
            "--no-control-socket",
        ]
        with log_file.open("wb") as log:
            process = subprocess.Popen(
                command,
                cwd=PROJECT_DIR,
                env=environment,
                pass_fds=[descriptor],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        server = Server(f"http://127.0.0.1:{listener.getsockname()[1]}", process.pid, log_file)
        try:
            _wait_until_answering(server, process)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_answering(server, process):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        try:
            requests.get(f"{server.url}/healthz", timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start:\n{server.log()}")


@dataclass(frozen=True)
class Outcome:
    email: str
    http_status: int
    page: str
    seconds: float

    @cached_property
    def registration_status(self):
        """What the result page says happened; None when the form came back instead."""
        main = BeautifulSoup(self.page, "html.parser").find("main")
        return main.get("data-registration-status") if main else None


@dataclass
class FilledForm:
    """One person's registration form, filled in, in their own browser session (with the
    CSRF cookie the page set)."""

    email: str
    session: requests.Session
    url: str
    data: dict
    sendable_at: float

    def send(self):
        started = time.perf_counter()
        response = self.session.post(
            self.url, data=self.data, allow_redirects=False, timeout=REQUEST_TIMEOUT
        )
        seconds = time.perf_counter() - started
        self.session.close()
        return Outcome(self.email, response.status_code, response.text, seconds)


def fill_in(url, email):
    """Open the event page and fill in its registration form as a person would: every
    question answered, consent given, the field hidden from people left empty."""
    session = requests.Session()
    response = session.get(url, timeout=REQUEST_TIMEOUT)
    response.raise_for_status()
    # The form refuses submissions sent sooner after the page was served than a person could.
    sendable_at = time.monotonic() + settings.REGISTRATION_MIN_FILL_SECONDS
    data = filled_in(response.text, email, url, "Burst")
    return FilledForm(email, session, response.url, data, sendable_at)


def fill_in_all(url, emails):
    with ThreadPoolExecutor(FILLING_IN_TOGETHER) as pool:
        return list(pool.map(lambda email: fill_in(url, email), emails))


@dataclass(frozen=True)
class Burst:
    outcomes: list
    seconds: float

    @property
    def per_second(self):
        return len(self.outcomes) / self.seconds

    def latency(self, percent):
        return percentile([outcome.seconds for outcome in self.outcomes], percent)


def send_together(forms, concurrency):
    """Send the forms from `concurrency` clients released at the same instant, each sending
    its share one after another."""
    time.sleep(max(max(form.sendable_at for form in forms) - time.monotonic(), 0))
    shares = [forms[client::concurrency] for client in range(concurrency)]
    released = []
    barrier = threading.Barrier(concurrency, action=lambda: released.append(time.perf_counter()))

    def client(share):
        barrier.wait()
        return [form.send() for form in share]

    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(client, shares))
    seconds = time.perf_counter() - released[0]
    return Burst([outcome for result in results for outcome in result], seconds)
