"""Benchmarks; none of them runs in `make test`.

    make bench         # measure and report: tables on stdout, JSON in bench/results/
    make bench-check   # the same, and exit with status 1 when a budget is broken
    .venv/bin/python -m bench [--scale 1.0] [--requests 50] [--check] [--keep] [--reuse]

`python -m bench` (bench/__main__.py) prepares one site and runs every benchmark on it. It
needs a PostgreSQL server: the one DATABASE_URL names when it names one, else
postgres@127.0.0.1:5432. It creates its own database there, startsmart_bench
(bench/database.py; BENCH_DATABASE names another), and drops it afterwards, so it never
touches the data DATABASE_URL holds. `--keep` leaves it in place for profiling (EXPLAIN
ANALYZE, pyinstrument) and `--reuse` measures a kept one again without preparing it. The cache
is Redis, as in production: database 15 of the server REDIS_URL names, or of one on
127.0.0.1:6379; cold requests empty it. Without a Redis, each process caches in its own memory.

The site (bench/site.py): the demo content plus bench/data.py's deterministic pages, over
10,000 in German and English (conferences and workshop sessions with 20 programme items and
10 speakers each, case studies, standard pages), and the search index rebuilt. About two
minutes.

Pages (bench/pages.py): the home page, the event index (first page, page 20 filtered), a
conference, a workshop series, the case-study index with facets, a case study, the admin's edit
view of a conference, and a registration POST; in process through Django's test client with
the cache warm and cold, then through gunicorn over HTTP, a page-cache hit next to a static
file served by whitenoise, and a worker's memory after 1,000 and 10,000 requests (the page
cache on, as in production: one request in four renders a page not requested before).

Search (bench/search.py): three searches per language (a common word, a rare word, two words),
each filtered and on page 2, a typo, and autocomplete; each repeated, new (its matches not yet
cached) and cold (the cache emptied).

Registrations (bench/registrations.py): a burst of registrations for one event, all sent at
once through gunicorn; registrations per second, latency, queries and CPU per POST. Run alone
(`python -m bench.registrations`) it needs only the demo content. bench/burst.py holds what it
shares with tests/test_registration_concurrency.py.

The budgets, which `--check` enforces, are each module's constants: every public page at most
15 SQL queries (warm cache) and the same number however many items it lists; a public page
p50 at most 25 ms with the page cache off; a page-cache hit at most twice a static file; the
admin's edit view p50 under 150 ms; search p95 under 50 ms and autocomplete p95 under 20 ms
(repeated and new searches); a gunicorn worker's memory growing less than 10 % from 1,000 to
10,000 requests; at least 50 registrations per second on one event. Cold requests and the
fuzzy search path are reported beside them.

Every request runs on the same 2-core machine as PostgreSQL and the clients: anything else
running slows them down, which is why each report records the load average. A shared virtual
machine also runs faster or slower from one hour to the next (by up to half, measured), so
each report records `reference_ms` too, a fixed piece of plain Python timed at the end of the
run (bench/site.py): compare results only beside it. The reference results in bench/results/
say which machine they come from.
"""
