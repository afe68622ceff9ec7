"""Benchmarks; none of them runs in `make test`.

Registration burst (`make bench`)
---------------------------------
How many registrations one event takes per second when everybody sends the form at once,
on PostgreSQL, through gunicorn. Needs a PostgreSQL server: the one DATABASE_URL names when it
names one, else postgres@127.0.0.1:5432. The benchmark creates its own database there,
startsmart_bench, and drops it afterwards, so it never touches the data DATABASE_URL holds.

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
"""
