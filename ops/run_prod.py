"""`make run-prod`: the production stack on this machine, for trying it.

    .venv/bin/python -m ops.run_prod [--port 8000] [--workers 2] [--database startsmart_prod]

Runs what the Procfile describes, under cms.settings.production: the build (compiled
catalogues, collected static files), the `release` step, then the `web` (gunicorn) and
`worker` (task worker) processes, on
- PostgreSQL: the database startsmart_prod, created when missing, on the server DATABASE_URL
  names when that is a PostgreSQL one, else on postgres@127.0.0.1:5432;
- Redis: REDIS_URL, by default redis://127.0.0.1:6379/1, emptied along with a new database;
- S3: a moto server started here on a free port, with the media bucket created.
The first start loads the demo content and creates the demo admin. Mail is written to files in
EMAIL_FILE_PATH, by default a temporary folder removed when the stack stops. The scheduled
jobs do not run. Ctrl-C or SIGTERM stops every process the stack started.

What differs from a deployment, so that it runs here: plain HTTP (SECURE_SSL_REDIRECT off; the
session and CSRF cookies stay Secure, which browsers accept over HTTP from localhost and
127.0.0.1 only), and
uploads live in moto's memory: they are gone when the stack stops, the database rows naming
them are not.
"""

import argparse
import logging
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, suppress
from pathlib import Path
from tempfile import TemporaryDirectory
from urllib.parse import urlsplit

import boto3
import environ
import psycopg
import redis
from moto.server import ThreadedMotoServer
from psycopg import sql

from home.management.commands.create_demo_admin import DEMO_PASSWORD, DEMO_USERNAME

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROCFILE = PROJECT_DIR / "Procfile"
SETTINGS = "cms.settings.production"
LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/1"
BUCKET = "startsmart-media"
S3_REGION = "eu-central-1"
# moto accepts any credentials; botocore refuses to sign a request without some.
S3_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "moto", "AWS_SECRET_ACCESS_KEY": "moto"}
BUILD_STEPS = (
    "python manage.py compile_translations",
    f"python manage.py collectstatic --noinput --verbosity 0 --settings {SETTINGS}",
)
LOAD_DEMO_CONTENT = f"python manage.py load_demo_content --settings {SETTINGS}"
# create_demo_admin refuses to run outside the development settings; Django's own command
# creates the same user under the production ones.
CREATE_DEMO_ADMIN = (
    f"python manage.py createsuperuser --noinput --username {DEMO_USERNAME}"
    f" --email {DEMO_USERNAME}@example.org --settings {SETTINGS}"
)
# Procfile runners take `name: command` lines and skip everything else, comments included.
PROCFILE_LINE = re.compile(r"^([A-Za-z0-9_-]+):\s*(.+)$")
READY_TIMEOUT = 120
STOP_TIMEOUT = 20
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StackError(Exception):
    """The stack could not start, or one of its processes ended on its own."""


class Stopped(Exception):
    """A signal asked the stack to stop."""


def read_procfile(path=PROCFILE):
    lines = path.read_text().splitlines()
    return dict(match.groups() for line in lines if (match := PROCFILE_LINE.match(line)))


def database_url(name):
    """The database `name` on the PostgreSQL server of DATABASE_URL, or on the local one: never
    the database DATABASE_URL names, which `make run` may be using."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = LOCAL_SERVER
    return urlsplit(url)._replace(path=f"/{name}").geturl()


def connect(url, dbname=None):
    config = environ.Env.db_url_config(url)
    try:
        return psycopg.connect(
            host=config["HOST"],
            port=config["PORT"] or None,
            user=config["USER"],
            password=config["PASSWORD"] or None,
            dbname=dbname or config["NAME"],
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as error:
        raise StackError(f"PostgreSQL does not answer: {error}") from error


def ensure_database(url):
    """Create the database unless it exists; whether it was created."""
    name = environ.Env.db_url_config(url)["NAME"]
    with connect(url, dbname="postgres") as server:
        query = "SELECT FROM pg_database WHERE datname = %s"
        if server.execute(query, [name]).fetchone() is not None:
            return False
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def has_demo_admin(url):
    """The demo admin is created last, so it is there once the demo content is complete."""
    with connect(url) as database:
        query = "SELECT FROM auth_user WHERE username = %s"
        return database.execute(query, [DEMO_USERNAME]).fetchone() is not None


def check_redis(url):
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=5) as client:
            client.ping()
    except redis.RedisError as error:
        raise StackError(f"Redis at {url} does not answer: {error}") from error


def empty_cache(url):
    with redis.Redis.from_url(url) as client:
        client.flushdb()


def check_port(port):
    """Refuse a taken port now rather than after the build, migrations and demo content."""
    with socket.socket() as probe:
        # As gunicorn binds: a port whose last connections linger in TIME_WAIT is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise StackError(f"port {port} is taken: {error}") from error


def start_s3(resources):
    # werkzeug, which serves moto, would log every request of every page's images.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    resources.callback(server.stop)
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    return endpoint


def production_environment(*, port, workers, database, cache, s3_endpoint, mail_dir):
    environment = dict(os.environ)
    environment.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    environment.update(
        S3_CREDENTIALS,
        # The Procfile's `python` and `gunicorn` are the ones of this virtual environment.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{environment.get('PATH', '')}",
        PYTHONUNBUFFERED="1",
        DJANGO_SETTINGS_MODULE=SETTINGS,
        PORT=str(port),
        # Only this machine: the demo admin's password is no secret.
        HOST="127.0.0.1",
        WEB_CONCURRENCY=str(workers),
        DATABASE_URL=database,
        REDIS_URL=cache,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # No proxy terminates TLS in front of it here.
        SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL=f"http://localhost:{port}",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=mail_dir,
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=s3_endpoint,
        AWS_S3_REGION_NAME=S3_REGION,
    )
    return environment


def signal_group(process, signum):
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


class Processes:
    """The stack's processes, each leading its own process group, so that stopping one stops
    whatever it forked (gunicorn's workers) and no Ctrl-C reaches one before it is asked to.

    bash runs each command, as Heroku does, so $PORT is expanded; it replaces itself with a
    single command, so waiting for the group leader waits for the command's own graceful
    shutdown, not for a shell that dies at once and leaves its child an orphan."""

    def __init__(self, environment):
        self.environment = environment
        self.running = {}

    def start(self, name, command, **extra_environment):
        say(f"{name}: {command}")
        self.running[name] = subprocess.Popen(
            ["bash", "-c", command],
            cwd=PROJECT_DIR,
            env={**self.environment, **extra_environment},
            process_group=0,
        )

    def run(self, name, command, **extra_environment):
        self.start(name, command, **extra_environment)
        status = self.running[name].wait()
        del self.running[name]
        if status:
            raise StackError(f"{name} step `{command}` failed with exit status {status}")

    def check(self):
        for name, process in self.running.items():
            if process.poll() is not None:
                raise StackError(f"{name} exited with status {process.returncode}")

    def stop(self):
        for process in self.running.values():
            signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for process in self.running.values():
            with suppress(subprocess.TimeoutExpired):
                process.wait(max(0, deadline - time.monotonic()))
        for process in self.running.values():
            # What outlived the grace period, or its group leader.
            signal_group(process, signal.SIGKILL)
            process.wait()
        self.running.clear()


def wait_until_healthy(port, processes):
    deadline = time.monotonic() + READY_TIMEOUT
    last_answer = "no answer"
    while time.monotonic() < deadline:
        processes.check()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10):
                return
        except urllib.error.HTTPError as error:
            last_answer = f"HTTP {error.code}: {error.read().decode(errors='replace')}"
        except OSError:
            pass
        time.sleep(0.5)
    raise StackError(f"/healthz did not answer 200 within {READY_TIMEOUT} s ({last_answer})")


def say(text):
    print(text, flush=True)


def serve(options, resources):
    procfile = read_procfile()
    check_port(options.port)
    database = database_url(options.database)
    cache = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    check_redis(cache)
    if ensure_database(database):
        # Cached pages and fragments of a database dropped since would name its objects.
        empty_cache(cache)
    s3_endpoint = start_s3(resources)
    mail_dir = os.environ.get("EMAIL_FILE_PATH") or resources.enter_context(
        TemporaryDirectory(prefix="startsmart-mail-")
    )
    processes = Processes(
        production_environment(
            port=options.port,
            workers=options.workers,
            database=database,
            cache=cache,
            s3_endpoint=s3_endpoint,
            mail_dir=mail_dir,
        )
    )
    # Registered last, so the processes stop before the S3 server and the mail folder go.
    resources.callback(processes.stop)

    for command in BUILD_STEPS:
        processes.run("build", command)
    processes.run("release", procfile["release"])
    if not has_demo_admin(database):
        say("First start: loading the demo content (about a minute).")
        processes.run("demo", LOAD_DEMO_CONTENT)
        processes.run("demo", CREATE_DEMO_ADMIN, DJANGO_SUPERUSER_PASSWORD=DEMO_PASSWORD)
    for name in ("web", "worker"):
        processes.start(name, procfile[name])
    wait_until_healthy(options.port, processes)

    site = f"http://localhost:{options.port}"
    say(
        f"\nStart Smart with the production settings: {site}/\n"
        f"  admin     {site}/admin/  user {DEMO_USERNAME!r}  password {DEMO_PASSWORD!r}\n"
        f"  database  {database}\n"
        f"  media     moto S3 at {s3_endpoint}, bucket {BUCKET!r}, in memory\n"
        f"  mail      {mail_dir}\n"
        "Ctrl-C stops it.\n"
    )
    while True:
        processes.check()
        time.sleep(1)


def stop(signum, frame):
    raise Stopped(signal.Signals(signum).name)


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", 2)),
        help="gunicorn worker processes",
    )
    parser.add_argument(
        "--database",
        default="startsmart_prod",
        help="name of the PostgreSQL database, created when missing",
    )
    return parser.parse_args(argv)


def main(argv=None):
    options = parse_arguments(argv)
    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)
    with ExitStack() as resources:
        try:
            serve(options, resources)
        except Stopped as reason:
            say(f"{reason}: stopping.")
            return 0
        except StackError as error:
            print(f"run_prod: {error}", file=sys.stderr, flush=True)
            return 1
        finally:
            # Shutting down must run to its end: a second Ctrl-C would leave orphans.
            for signum in STOP_SIGNALS:
                signal.signal(signum, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(main())
