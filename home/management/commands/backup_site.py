import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.files.storage import DEFAULT_STORAGE_ALIAS, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

METADATA = "backup.json"
MEDIA_MANIFEST = "media.json"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


def database_connection():
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor not in DATABASE_FILES:
        raise CommandError(f"Only PostgreSQL and SQLite are supported, not {connection.vendor}.")
    return connection


def postgres_program(connection, program):
    """The path of a PostgreSQL client program and its environment: the connection settings of
    `connection` the way libpq reads them, so the password never shows in a process list."""
    path = shutil.which(program)
    if path is None:
        raise CommandError(
            f"{program} was not found on PATH: install PostgreSQL's client programs "
            "(Debian: postgresql-client) of the server's major version or newer."
        )
    database = connection.settings_dict
    _, secrets = connection.client.settings_to_cmd_args_env(database, [])
    where = {"PGHOST": database["HOST"], "PGPORT": database["PORT"], "PGUSER": database["USER"]}
    environment = {**os.environ, **{key: str(value) for key, value in where.items() if value}}
    return path, {**environment, **(secrets or {})}


def run(command, environment):
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise CommandError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def sqlite_copy(source, target):
    """Copy with SQLite's online backup API, which takes a consistent snapshot even while the
    site is writing, unlike copying the file."""
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy)


def stored_files(storage, directory=""):
    """Every file name in the storage. S3 has no directories, but listdir() answers with the
    common prefixes, so one walk serves the local folder and the bucket."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a local MEDIA_ROOT only exists after the first upload
        return
    for name in files:
        yield posixpath.join(directory, name)
    for subdirectory in directories:
        yield from stored_files(storage, posixpath.join(directory, subdirectory))


def fingerprint(storage, name):
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as stored:
        for chunk in stored.chunks():
            digest.update(chunk)
            size += len(chunk)
    return {"name": name, "size": size, "sha256": digest.hexdigest()}


def applied_migration_heads(connection):
    """Per app, the last applied migration, so an operator sees which release made the backup."""
    loader = MigrationLoader(connection)
    applied = set(loader.applied_migrations)
    heads = {}
    for key in sorted(applied & set(loader.graph.nodes)):
        children = loader.graph.node_map[key].children
        if not any(child.key in applied and child.key[0] == key[0] for child in children):
            heads[key[0]] = key[1]
    return heads


class Command(BaseCommand):
    help = (
        "Back up the site into a new directory: the database (pg_dump --format=custom, or "
        "SQLite's backup API), a manifest of every media file with size and SHA-256, and "
        "metadata (versions, migrations). The media files themselves are copied with the "
        "storage's own tools (aws s3 sync, rclone, rsync of MEDIA_ROOT)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="created; must not exist or be empty")

    def handle(self, *args, directory, **options):
        connection = database_connection()
        if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
            raise CommandError(f"{directory} already exists: back up into a new directory.")
        directory.mkdir(parents=True, exist_ok=True)

        dump = directory / DATABASE_FILES[connection.vendor]
        if connection.vendor == "postgresql":
            program, environment = postgres_program(connection, "pg_dump")
            database = connection.settings_dict["NAME"]
            run(
                # --no-password: a scheduled backup must fail, not wait for a prompt.
                [
                    program,
                    "--no-password",
                    "--format=custom",
                    f"--file={dump}",
                    f"--dbname={database}",
                ],
                environment,
            )
        else:
            sqlite_copy(connection.settings_dict["NAME"], dump)
        self.stdout.write(f"Database ({connection.vendor}) saved to {dump}")

        media = [fingerprint(default_storage, name) for name in stored_files(default_storage)]
        storage = settings.STORAGES[DEFAULT_STORAGE_ALIAS]["BACKEND"]
        (directory / MEDIA_MANIFEST).write_text(json.dumps({"storage": storage, "files": media}))
        self.stdout.write(
            f"Media manifest: {len(media)} files, {sum(f['size'] for f in media)} bytes "
            f"in {storage}, saved to {directory / MEDIA_MANIFEST}. Copy the files themselves "
            "with the storage's own tools."
        )

        # Written last: a directory without it is an interrupted backup, which restore refuses.
        metadata = {
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database": {"vendor": connection.vendor, "file": dump.name},
            "migrations": applied_migration_heads(connection),
        }
        (directory / METADATA).write_text(json.dumps(metadata, indent=2))
        self.stdout.write(self.style.SUCCESS(f"Backup complete: {directory}"))
