"""`make bench`: how many registrations one event takes per second in a burst, on PostgreSQL.

Creates the database startsmart_bench afresh (on the PostgreSQL server DATABASE_URL names when
it names one, else on postgres@127.0.0.1:5432), migrates it, loads the demo content and serves
it with gunicorn. Everyone fills in the form of the demo workshop "kick-off-herbst" (30 seats,
waiting list on) and the clients then send the forms at once. Prints registrations per second,
the p50 and p95 latency of a POST, the SQL queries of one registration POST and the CPU a POST
costs gunicorn and PostgreSQL, which bounds the rate this machine can reach whatever else runs
on it; exits non-zero when fewer than 50 registrations per second went through. The database is
dropped afterwards.

The server runs as production does where it costs time (bench/settings.py): DEBUG off, mails
queued for the task worker (none runs here, so none is sent), persistent database connections
(CONN_MAX_AGE=60, as the README advises for production); sync workers, 2 × cores by default.
"""

import argparse
import contextlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import django
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.burst import Burst, fill_in_all, send_together, serve
from bench.database import bench_database_url, drop, recreate, use_for_django

EVENT_SLUG = "kick-off-herbst"
TARGET_PER_SECOND = 50
LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


def queries_of_one_post(form):
    """Send one more filled-in form in this process and count the SQL queries it runs."""
    client = Client(SERVER_NAME="localhost")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(urlsplit(form.url).path, form.data)
    if response.status_code != 200:
        raise RuntimeError(f"the profiled registration failed with HTTP {response.status_code}")
    return len(queries)


def server_processes(server):
    """The gunicorn master and its workers."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [server.pid, *map(int, children)]


def database_processes():
    """The PostgreSQL backends serving the benchmark database, when they run on this machine."""
    if connection.settings_dict["HOST"] not in LOCAL_HOSTS:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def cpu_seconds(pids):
    """CPU time each process has used so far: user plus system time from /proc (Linux)."""
    seconds = {}
    for pid in pids:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            seconds[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


def cpu_since(before, pids):
    """CPU time the processes used since `before` was taken, all of it for newer ones."""
    return sum(seconds - before.get(pid, 0) for pid, seconds in cpu_seconds(pids).items())


@dataclass(frozen=True)
class Result:
    burst: Burst
    queries_per_post: int
    server_cpu: float
    database_cpu: float

    @property
    def ok(self):
        return self.burst.per_second >= TARGET_PER_SECOND

    def as_json(self):
        posts = len(self.burst.outcomes)
        server_ms = self.server_cpu / posts * 1000
        database_ms = self.database_cpu / posts * 1000
        return {
            "registrations": posts,
            "per_second": round(self.burst.per_second, 1),
            "target_per_second": TARGET_PER_SECOND,
            "p50_ms": round(self.burst.latency(50) * 1000, 1),
            "p95_ms": round(self.burst.latency(95) * 1000, 1),
            "queries_per_post": self.queries_per_post,
            "cpu_per_post_ms": {
                "gunicorn": round(server_ms, 1),
                "postgresql": round(database_ms, 1),
            },
            "cpu_bound_ceiling_per_second": round(
                os.cpu_count() * 1000 / (server_ms + database_ms)
            ),
            "ok": self.ok,
        }


def table(result):
    """The burst's figures, a line each."""
    rows = [
        (
            "registrations per second",
            f"{result['per_second']:.1f}",
            f"target ≥ {TARGET_PER_SECOND}",
        ),
        ("latency p50", f"{result['p50_ms']:.0f} ms", ""),
        ("latency p95", f"{result['p95_ms']:.0f} ms", ""),
        ("SQL queries per POST", str(result["queries_per_post"]), ""),
        ("CPU per POST: gunicorn", f"{result['cpu_per_post_ms']['gunicorn']:.0f} ms", ""),
        (
            "CPU per POST: PostgreSQL",
            f"{result['cpu_per_post_ms']['postgresql']:.0f} ms",
            "0 when on another machine",
        ),
        (
            "CPU-bound ceiling",
            f"{result['cpu_bound_ceiling_per_second']}/s",
            f"{os.cpu_count()} cores ÷ CPU per POST",
        ),
    ]
    return "\n".join(f"  {label:<26}{value:>9}  {note}".rstrip() for label, value, note in rows)


def run(registrations, clients, workers):
    """The burst on a database with the demo content (Django set up on it)."""
    # Models can be imported only once Django is set up for the benchmark database.
    from conferences.models import EventPage, Registration

    event = EventPage.objects.get(slug=EVENT_SLUG, locale__language_code="de")
    emails = [f"bench{number}@example.org" for number in range(registrations + 1)]
    with serve(workers=workers) as server:
        *forms, spare = fill_in_all(server.url + event.url, emails)
        server_before = cpu_seconds(server_processes(server))
        database_before = cpu_seconds(database_processes())
        burst = send_together(forms, clients)
        server_cpu = cpu_since(server_before, server_processes(server))
        database_cpu = cpu_since(database_before, database_processes())
        errors = [outcome for outcome in burst.outcomes if outcome.http_status != 200]
        if errors:
            raise RuntimeError(f"{len(errors)} requests failed:\n{server.log()}")
    statuses = {outcome.registration_status for outcome in burst.outcomes}
    stored = Registration.objects.filter(event_key=event.translation_key).count()
    if statuses - {"confirmed", "waitlisted"} or stored != registrations:
        raise RuntimeError(f"{stored} of {registrations} registrations stored ({statuses})")
    return Result(burst, queries_of_one_post(spare), server_cpu, database_cpu)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count())
    options = parser.parse_args()

    url = bench_database_url()
    use_for_django(url)
    recreate(url)
    try:
        django.setup()
        call_command("migrate", verbosity=0)
        call_command("load_demo_content", stdout=io.StringIO())
        result = run(options.registrations, options.clients, options.workers)
    finally:
        connections.close_all()
        drop(url)

    print(
        f"Registration burst on PostgreSQL: {options.registrations} registrations for one event,"
        f" {options.clients} concurrent clients, {options.workers} gunicorn workers"
    )
    print(table(result.as_json()))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
