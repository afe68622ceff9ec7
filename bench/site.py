"""The site the page and search benchmarks measure: the demo content plus bench/data.py's pages
on startsmart_bench, prepared once per run. With --keep a benchmark leaves the database in
place, and --reuse measures it again without the two minutes of preparation (the database
remembers the scale it was generated at, in the table bench_prepared)."""

import argparse
import datetime
import gc
import io
import json
import platform
import subprocess
import sys
import time
import timeit
from contextlib import contextmanager
from dataclasses import asdict

import django
from django.core.management import call_command
from django.db import connection, connections

from bench.database import bench_database_url, drop, exists, recreate, use_for_django
from cms.memory import freeze_loaded

PREPARED_TABLE = "bench_prepared"


@contextmanager
def timed(seconds, phase):
    started = time.perf_counter()
    yield
    seconds[phase] = round(time.perf_counter() - started, 1)


def _prepared():
    """What an earlier run recorded about the content it generated, or None."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [PREPARED_TABLE])
        if cursor.fetchone()[0] is None:
            return None
        cursor.execute(f"SELECT description FROM {PREPARED_TABLE}")
        row = cursor.fetchone()
    # Django's PostgreSQL connection hands JSON over as text.
    return row and json.loads(row[0])


def _prepare(scale):
    # Models can be imported only once Django is set up for the benchmark database.
    from django.db.models import Count
    from wagtail.models import Page

    from bench import data

    seconds = {}
    with timed(seconds, "migrate"):
        call_command("migrate", verbosity=0)
    with timed(seconds, "demo content"):
        call_command("load_demo_content", stdout=io.StringIO())
    print(f"Generating the benchmark content at scale {scale}:", flush=True)
    with timed(seconds, "generate"):
        summary = data.generate(scale, stdout=sys.stdout)
    with timed(seconds, "vacuum analyze"), connection.cursor() as cursor:
        # Statistics for the planner, as autovacuum would have gathered them by the time anyone
        # visits (and it may be off, as on the reference machine).
        cursor.execute("VACUUM ANALYZE")
    pages = dict(
        Page.objects.filter(depth__gt=1)
        .order_by()
        .values_list("locale__language_code")
        .annotate(count=Count("pk"))
    )
    description = {
        "scale": scale,
        "pages": {**pages, "total": sum(pages.values())},
        "generated": {**asdict(summary.counts), "pages": summary.pages},
        "seconds": {**seconds, "generate phases": summary.seconds},
    }
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {PREPARED_TABLE} (description jsonb NOT NULL)")
        cursor.execute(
            f"INSERT INTO {PREPARED_TABLE} (description) VALUES (%s::jsonb)",
            [json.dumps(description)],
        )
    return description


@contextmanager
def prepared_site(scale, keep=False, reuse=False):
    """Django set up on startsmart_bench with the benchmark content at this scale; yields the
    description of that content (page counts, seconds each setup phase took). The database is
    dropped afterwards unless `keep`; `reuse` measures a kept one of the same scale as it is."""
    url = bench_database_url()
    use_for_django(url)
    fresh = not (reuse and exists(url))
    if fresh:
        recreate(url)
    try:
        django.setup()
        description = None if fresh else _prepared()
        if description is not None and description["scale"] != scale:
            raise SystemExit(
                f"{url} holds content at scale {description['scale']}, not {scale}:"
                " run without --reuse to generate it afresh"
            )
        if description is None:
            if not fresh:
                connections.close_all()
                recreate(url)
            description = _prepare(scale)
        # The measuring process's heap as an app server's (cms/wsgi.py): loaded, then frozen.
        freeze_loaded()
        yield {**description, "database": url, "reused": not fresh}
    finally:
        connections.close_all()
        if not keep:
            drop(url)


def freeze_client_leftovers():
    """Take what Django's test client has left behind so far out of the garbage collector's
    way. Every request through it leaves objects that live as long as the process (its handler
    connects close_old_connections to request_started again, and each connection registers a
    weakref.finalize); an app server leaves none. Over a benchmark's thousands of requests they
    doubled the full collections a few requests in a hundred wait for, to 20 ms."""
    gc.freeze()


REFERENCE_WORK = "sum(number * number for number in range(1_000_000))"


def reference_ms():
    """How fast this machine runs plain Python just now: the best of five runs of a fixed
    piece of work, in ms. A shared virtual machine's speed varies from hour to hour; results
    taken at different speeds compare only with this figure beside them."""
    return round(min(timeit.repeat(REFERENCE_WORK, number=1, repeat=5)) * 1000, 1)


def machine():
    """The machine the results come from, for the JSON file."""

    def command(*args):
        try:
            return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return None

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        (postgresql,) = cursor.fetchone()
    return {
        "nproc": command("nproc"),
        "free -g": command("free", "-g"),
        "postgresql": postgresql,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "reference_ms": reference_ms(),
    }


def now():
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def standalone(benchmark):
    """`python -m bench.<benchmark>`: prepare the site, run the benchmark module's `run`, write
    its report to --output and print it; the exit status as --check asks."""
    parser = argparse.ArgumentParser(description=benchmark.__doc__.split("\n\n")[0])
    benchmark.add_arguments(parser)
    options = parser.parse_args()
    with prepared_site(options.scale, keep=options.keep, reuse=options.reuse) as site:
        report = benchmark.run(options, site)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(benchmark.report_text(report))
    return conclude(benchmark.broken(report), options.output, site, options)


def conclude(failures, results, site, options):
    """Print the broken budgets; the exit status: 1 when there are any and --check asks."""
    kept = f"; database {site['database']} kept" if options.keep else ""
    print(f"\n{len(failures)} budgets broken. Results in {results}{kept}")
    for failure in failures:
        print(f"  {failure}")
    return 1 if options.check and failures else 0
