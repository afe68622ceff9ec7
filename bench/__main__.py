"""`make bench` and `make bench-check`: every benchmark on one prepared site.

    .venv/bin/python -m bench [--scale 1.0] [--requests 50] [--check] [--keep] [--reuse]

Prepares startsmart_bench once (bench/site.py: the demo content and bench/data.py's pages),
then measures the pages (bench/pages.py), search and autocomplete (bench/search.py) and a
registration burst on the demo workshop (bench/registrations.py), writes each report to
bench/results/ (or --results) and prints the tables. With --check it exits with status 1 when
any budget is broken, and lists them.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from bench import pages, registrations, search
from bench.site import conclude, machine, now, prepared_site

RESULTS = Path(__file__).resolve().parent / "results"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: over 10,000 pages")
    parser.add_argument("--requests", type=int, default=pages.REQUESTS, help="per URL")
    parser.add_argument(
        "--memory-requests",
        type=int,
        default=pages.MEMORY_REQUESTS,
        help="requests before a worker's memory is read the second time (0: skip)",
    )
    parser.add_argument("--no-server", action="store_true", help="pages: skip gunicorn")
    parser.add_argument("--registrations", type=int, default=200, help="in the burst")
    parser.add_argument("--clients", type=int, default=20, help="sending the burst")
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count(), help="for the burst")
    parser.add_argument("--keep", action="store_true", help="keep startsmart_bench afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure a kept startsmart_bench")
    parser.add_argument("--check", action="store_true", help="exit 1 when a budget is broken")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON goes")
    return parser.parse_args()


def main():
    options = arguments()
    with prepared_site(options.scale, keep=options.keep, reuse=options.reuse) as site:
        reports = {"pages": pages.run(options, site), "search": search.run(options, site)}
        burst = registrations.run(options.registrations, options.clients, options.workers)
        reports["registrations"] = {
            "benchmark": "registrations",
            "date": now(),
            "machine": machine(),
            "clients": options.clients,
            "workers": options.workers,
            "results": burst.as_json(),
            "ok": burst.ok,
        }
    options.results.mkdir(parents=True, exist_ok=True)
    for name, report in reports.items():
        path = options.results / f"{name}.json"
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(pages.report_text(reports["pages"]), end="\n\n")
    print(search.report_text(reports["search"]), end="\n\n")
    print(
        f"Registration burst: {options.registrations} registrations for one event,"
        f" {options.clients} concurrent clients, {options.workers} gunicorn workers"
    )
    print(registrations.table(reports["registrations"]["results"]))
    failures = [*pages.broken(reports["pages"]), *search.broken(reports["search"])]
    if not burst.ok:
        failures.append(f"registrations per second ≥ {registrations.TARGET_PER_SECOND}")
    return conclude(failures, options.results, site, options)


if __name__ == "__main__":
    sys.exit(main())
