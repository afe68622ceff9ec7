"""Benchmarks; none of them runs in `make test`. `make bench` runs the registration burst and
then the search benchmark, both always, and fails when either fails. Both need a PostgreSQL
server: the one DATABASE_URL names when it names one, else postgres@127.0.0.1:5432. Each creates
its own database there, startsmart_bench (bench/database.py), and drops it afterwards, so it
never touches the data DATABASE_URL holds.

Registration burst
------------------
How many registrations one event takes per second when everybody sends the form at once,
on PostgreSQL, through gunicorn.

    make bench
    .venv/bin/python -m bench.registrations --registrations 500 --clients 50 --workers 8

It prints registrations per second, the p50 and p95 latency of a registration POST, the SQL
queries one registration POST runs and the CPU time a POST costs gunicorn and PostgreSQL, and
exits with status 1 below 50 registrations per second (the target for one event on a 2-core
machine). Everything runs on the one machine: the clients and PostgreSQL take CPU from the
server, and so does anything else running; the CPU per POST, and the ceiling it puts on the
rate, do not depend on that.

bench/burst.py holds what the benchmark shares with tests/test_registration_concurrency.py:
serving the project with gunicorn, filling in registration forms over HTTP and sending them
from many clients released at the same instant.

Search
------
Search and autocomplete latency with over 10,000 pages in German and English:

    .venv/bin/python -m bench.search [--scale 1.0] [--requests 50] [--keep] [--output PATH]

It loads the demo content, adds the synthetic pages of bench/data.py (conferences and workshop
sessions with 20 programme items and 10 speakers each, case studies, standard pages, every one
translated; `--scale 0.1` for a quick run) and rebuilds the search index, then requests every
measured URL 50 times (one whose requests take over 10 s stops after 3) through Django's test
client with DEBUG off: per language a common word,
a rare word and two words, each also filtered to case studies and on page 2, a typo (the fuzzy
path) and three autocomplete prefixes. It prints p50 and p95 latency and the SQL queries of a
request per URL, writes them with the machine's description to bench/results/search.json, and
exits with status 1 when search p95 reaches 50 ms, autocomplete p95 20 ms, or a search page
runs more than 15 queries. The fuzzy path's own budget (p95 under 100 ms) is reported without
failing the run. `--keep` leaves startsmart_bench in place for profiling (EXPLAIN ANALYZE).
Requests run one at a time in this process, on the same machine as PostgreSQL: anything else
running there slows them down, which is why the results record the load average.

bench/data.py can fill any database that has the demo content, for later benchmarks:
`bench.data.generate(scale)`.
"""
