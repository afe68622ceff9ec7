"""`make bench`, second part: search and autocomplete latency on 10,000 pages, on PostgreSQL.

Creates the database startsmart_bench afresh (bench/database.py), migrates it, loads the demo
content and adds the synthetic pages of bench/data.py (scale 1.0: 5,124 pages per language,
German and English), then requests each measured URL through Django's test client in this
process, as the server runs it (bench/settings.py, DEBUG off): a warm-up, then 50 timed
requests per URL, the URLs taken in turn so that a disturbance on the machine spreads over
all of them. Per language: a common word, a rare word and two words, each also filtered to
case studies and on page 2; a typo, which finds nothing and so takes the fuzzy path; three
autocomplete prefixes. Prints the p50 and p95 latency and the SQL queries of one request per
URL, writes them as JSON (bench/results/search.json, or --output) and exits with status 1 when
a budget is broken: search p95 < 50 ms, autocomplete p95 < 20 ms, at most 15 SQL queries for a
search page. The fuzzy path has budget lines of its own, reported without changing the exit
status. A URL slower than its share of time stops early, after at least 3 timed requests.
"""

import argparse
import datetime
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

import django
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.database import bench_database_url, drop, recreate, use_for_django

SEARCH_P95_MS = 50
AUTOCOMPLETE_P95_MS = 20
# A typo is rarer than a search that finds something, and may cost more: twice the search's.
FUZZY_P95_MS = 2 * SEARCH_P95_MS
QUERIES_PER_SEARCH_PAGE = 15
REQUESTS = 50
WARM_UP = 3
WARM_UP_SECONDS = 1
# A URL stops early once its timed requests have taken this long and there are enough of them.
SECONDS_PER_URL = 10
MIN_REQUESTS = 3
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results" / "search.json"

SEARCHES = {
    "de": [
        ("common word", "Datenplattformen"),
        ("rare word", "Trinkbrunnen"),
        ("two words", "digitaler Zwilling"),
        ("typo", "Bürgerbeteilgung"),
    ],
    "en": [
        ("common word", "mobility"),
        ("rare word", "fountains"),
        ("two words", "digital twins"),
        ("typo", "particpation"),
    ],
}
VARIANTS = [("", {}), ("type=case_study", {"type": "case_study"}), ("page 2", {"page": 2})]
PREFIXES = {"de": ["Dat", "Mobil", "digitaler Zw"], "en": ["dat", "mobil", "digital tw"]}


@dataclass
class Measured:
    url: str
    kind: str  # search, fuzzy or autocomplete
    language: str
    query: str
    variant: str
    matches: int
    budget_ms: int
    gates: bool
    samples_ms: list
    queries: int = 0

    @property
    def p50(self):
        return percentile(self.samples_ms, 50)

    @property
    def p95(self):
        return percentile(self.samples_ms, 95)

    @property
    def query_budget(self):
        return QUERIES_PER_SEARCH_PAGE if self.kind != "autocomplete" else None

    @property
    def ok(self):
        queries_ok = self.query_budget is None or self.queries <= self.query_budget
        return self.p95 < self.budget_ms and queries_ok

    def as_json(self):
        fields = asdict(self)
        fields["samples_ms"] = [round(sample, 2) for sample in self.samples_ms]
        return {
            **fields,
            "requests": len(self.samples_ms),
            "p50_ms": round(self.p50, 2),
            "p95_ms": round(self.p95, 2),
            "max_ms": round(max(self.samples_ms), 2),
            "query_budget": self.query_budget,
            "ok": self.ok,
        }


def percentile(samples, percent):
    """As bench/burst.py computes them."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=100, method="inclusive")[percent - 1]


def measured_urls():
    """Every URL to measure, with what it searches and its budget; matches counted directly."""
    from wagtail.models import Locale

    from search.query import Terms, find

    urls = []
    for language, searches in SEARCHES.items():
        locale = Locale.objects.get(language_code=language)
        for label, text in searches:
            outcome = find(Terms.parse(text), locale)
            kind = "fuzzy" if outcome.fuzzy else "search"
            if label == "typo" and kind != "fuzzy":
                raise RuntimeError(f"The typo {text!r} found pages without the fuzzy path")
            for variant, parameters in VARIANTS:
                matches = outcome.matches
                if "type" in parameters:
                    matches = [match for match in matches if match.type == parameters["type"]]
                urls.append(
                    Measured(
                        url=f"/{language}/search/?{urlencode({'q': text, **parameters})}",
                        kind=kind,
                        language=language,
                        query=f"{label}: {text}",
                        variant=variant,
                        matches=len(matches),
                        budget_ms=FUZZY_P95_MS if kind == "fuzzy" else SEARCH_P95_MS,
                        gates=kind != "fuzzy",
                        samples_ms=[],
                    )
                )
        for prefix in PREFIXES[language]:
            urls.append(
                Measured(
                    url=f"/{language}/search/autocomplete/?{urlencode({'q': prefix})}",
                    kind="autocomplete",
                    language=language,
                    query=f"prefix: {prefix}",
                    variant="",
                    matches=0,
                    budget_ms=AUTOCOMPLETE_P95_MS,
                    gates=True,
                    samples_ms=[],
                )
            )
    return urls


def get(client, url):
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered HTTP {response.status_code}")
    return response, elapsed


def measure(urls, requests):
    """Warm every URL up, then time them in turns; count one more request's SQL queries."""
    client = Client(SERVER_NAME="localhost")
    for measured in urls:
        warming = 0
        for _ in range(WARM_UP):
            response, elapsed = get(client, measured.url)
            warming += elapsed
            if warming > 1000 * WARM_UP_SECONDS:
                break
        if measured.kind == "autocomplete":
            measured.matches = len(response.json()["suggestions"])
    for _round in range(requests):
        for measured in urls:
            used_up = sum(measured.samples_ms) > 1000 * SECONDS_PER_URL
            if used_up and len(measured.samples_ms) >= MIN_REQUESTS:
                continue
            _response, elapsed = get(client, measured.url)
            measured.samples_ms.append(elapsed)
    for measured in urls:
        with CaptureQueriesContext(connection) as queries:
            get(client, measured.url)
        measured.queries = len(queries)


def table(urls):
    header = ("URL", "p50 ms", "p95 ms", "n", "queries", "budget", "")
    rows = []
    for measured in urls:
        budget = f"p95 < {measured.budget_ms} ms"
        if measured.query_budget is not None:
            budget += f", ≤ {measured.query_budget} queries"
        verdict = "ok" if measured.ok else "FAIL"
        if not measured.gates:
            verdict += " (reported)"
        rows.append(
            (
                measured.url,
                f"{measured.p50:.1f}",
                f"{measured.p95:.1f}",
                str(len(measured.samples_ms)),
                str(measured.queries),
                budget,
                verdict,
            )
        )
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(width) if column in (0, 5, 6) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def machine():
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
    }


@contextmanager
def timed(seconds, phase):
    started = time.perf_counter()
    yield
    seconds[phase] = time.perf_counter() - started


def run(scale, requests):
    # Models can be imported only once main() has set up Django for the benchmark database.
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
        # searches (and it may be off, as on the reference machine).
        cursor.execute("VACUUM ANALYZE")
    pages = dict(
        Page.objects.filter(depth__gt=1)
        .order_by()
        .values_list("locale__language_code")
        .annotate(count=Count("pk"))
    )
    urls = measured_urls()
    load_before = os.getloadavg()
    with timed(seconds, "measure"):
        measure(urls, requests)
    return {
        "benchmark": "search",
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "scale": scale,
        "pages": {**pages, "total": sum(pages.values())},
        "generated": {**asdict(summary.counts), "pages": summary.pages},
        "seconds": {
            **{name: round(value, 1) for name, value in seconds.items()},
            "generate phases": summary.seconds,
        },
        "budgets": {
            "search_p95_ms": SEARCH_P95_MS,
            "autocomplete_p95_ms": AUTOCOMPLETE_P95_MS,
            "fuzzy_p95_ms (reported)": FUZZY_P95_MS,
            "queries_per_search_page": QUERIES_PER_SEARCH_PAGE,
        },
        "results": [measured.as_json() for measured in urls],
        "ok": all(measured.ok for measured in urls if measured.gates),
    }, urls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: over 10,000 pages")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="timed requests per URL")
    parser.add_argument("--keep", action="store_true", help="keep startsmart_bench afterwards")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    options = parser.parse_args()

    url = bench_database_url()
    use_for_django(url)
    recreate(url)
    try:
        django.setup()
        report, urls = run(options.scale, options.requests)
    finally:
        connections.close_all()
        if not options.keep:
            drop(url)

    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    seconds = report["seconds"]
    print(
        f"Search on PostgreSQL: {report['pages']['total']} pages"
        f" ({', '.join(f'{code}: {n}' for code, n in report['pages'].items() if code != 'total')}),"
        f" set up in {seconds['migrate'] + seconds['demo content'] + seconds['generate']:.0f} s"
        f" (content generated in {seconds['generate']:.0f} s), load average"
        f" {report['load_average']['before'][0]:.1f} → {report['load_average']['after'][0]:.1f}"
    )
    print(table(urls))
    broken = [measured for measured in urls if measured.gates and not measured.ok]
    print(
        f"{len(broken)} of {sum(m.gates for m in urls)} URLs break a budget;"
        f" fuzzy path: {sum(not m.ok for m in urls if not m.gates)} of"
        f" {sum(not m.gates for m in urls)} over its own budget (reported, not failing)."
        f" Results in {options.output}" + (f"; database {url} kept" if options.keep else "")
    )
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
