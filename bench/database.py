"""The benchmarks' throw-away PostgreSQL database, startsmart_bench (BENCH_DATABASE names another,
so that two benchmarks can run side by side): on the server DATABASE_URL names when it names a
PostgreSQL one, else on postgres@127.0.0.1:5432. It never touches the data DATABASE_URL holds."""

import os
from urllib.parse import urlsplit

import environ
import psycopg

DATABASE = os.environ.get("BENCH_DATABASE") or "startsmart_bench"
LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/"


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
    connections kept open as the README advises for production."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="false",
        CONN_MAX_AGE="60",
        DATABASE_URL=url,
    )


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
