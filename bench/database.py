"""The benchmarks' throw-away PostgreSQL database, startsmart_bench (BENCH_DATABASE names another,
so that two benchmarks can run side by side): on the server DATABASE_URL names when it names a
PostgreSQL one, else on postgres@127.0.0.1:5432. It never touches the data DATABASE_URL holds.
The cache is Redis database 15, as in production a Redis shared by every worker."""

import os
import socket
from urllib.parse import urlsplit

import environ
import psycopg

DATABASE = os.environ.get("BENCH_DATABASE") or "startsmart_bench"
LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/"
CACHE_DATABASE = 15
LOCAL_CACHE = f"redis://127.0.0.1:6379/{CACHE_DATABASE}"


def bench_database_url():
    """startsmart_bench on the PostgreSQL server of DATABASE_URL, or on the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = LOCAL_SERVER
    return urlsplit(url)._replace(path=f"/{DATABASE}").geturl()


def _name(url):
    return urlsplit(url).path.lstrip("/")


def use_for_django(url):
    """Django runs as bench/settings.py says, on the benchmark database: DEBUG off, database
    connections kept open as the README advises for production, and the cache in Redis as in
    production when one answers (bench_cache_url)."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        CONN_MAX_AGE="60",
        DATABASE_URL=url,
    )
    if cache_url := bench_cache_url():
        os.environ["REDIS_URL"] = cache_url


def bench_cache_url():
    """Database 15 of the Redis REDIS_URL names, or of one on 127.0.0.1:6379 when it answers:
    the benchmarks empty it for their cold requests. Else none, and Django's local memory."""
    if url := os.environ.get("REDIS_URL"):
        return urlsplit(url)._replace(path=f"/{CACHE_DATABASE}").geturl()
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            if connection.recv(64).startswith(b"+PONG"):
                return LOCAL_CACHE
    except OSError:
        pass
    return None


def maintenance_connection(url):
    config = environ.Env.db_url_config(url)
    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or None,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def exists(url):
    with maintenance_connection(url) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [_name(url)])
        return found.fetchone() is not None


def recreate(url):
    with maintenance_connection(url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {_name(url)} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {_name(url)}")


def drop(url):
    with maintenance_connection(url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {_name(url)} WITH (FORCE)")
