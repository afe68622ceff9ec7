import json
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.db.migrations.executor import MigrationExecutor

from home.fragments import site_changed
from home.management.commands.backup_site import (
    MEDIA_MANIFEST,
    METADATA,
    database_connection,
    fingerprint,
    postgres_program,
    run,
    sqlite_copy,
)


def read_backup_file(path):
    if not path.is_file():
        raise CommandError(f"{path} is missing: not a complete backup made by backup_site.")
    return json.loads(path.read_text())


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into the database the settings point at, which "
        "must be empty unless --force is given, then check every file of the media manifest "
        "against the configured storage and report missing or changed ones. Media files are "
        "not part of the backup: copy them with the storage's own tools (aws s3 sync, rclone, "
        "rsync of MEDIA_ROOT) or from a local folder with --media-from, and check again with "
        "--media-only."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="a directory written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="restore into a database that has tables: PostgreSQL drops and recreates the "
            "backup's objects, SQLite is overwritten",
        )
        parser.add_argument(
            "--media-from",
            type=Path,
            metavar="DIR",
            help="copy media files missing from the storage out of this local folder, laid out "
            "like the storage (e.g. original_images/…, documents/…)",
        )
        parser.add_argument(
            "--media-only",
            action="store_true",
            help="leave the database alone; only check (and with --media-from copy) the media",
        )

    def handle(self, *args, directory, force, media_from, media_only, **options):
        metadata = read_backup_file(directory / METADATA)
        manifest = read_backup_file(directory / MEDIA_MANIFEST)["files"]
        if not media_only:
            self.restore_database(directory, metadata["database"], force)
        self.check_media(manifest, media_from)

    def restore_database(self, directory, backup, force):
        connection = database_connection()
        if backup["vendor"] != connection.vendor:
            raise CommandError(
                f"The backup is of a {backup['vendor']} database, the settings point at "
                f"{connection.vendor}."
            )
        database = connection.settings_dict["NAME"]
        try:
            tables = connection.introspection.table_names()
        except DatabaseError as error:
            raise CommandError(
                f"Cannot open the database {database} (create it first): {error}"
            ) from error
        if tables and not force:
            raise CommandError(
                f"The database {database} is not empty ({len(tables)} tables): restore into a "
                "new, empty database, or pass --force to replace what the backup contains."
            )
        dump = directory / backup["file"]
        if not dump.is_file():
            raise CommandError(f"{dump} is missing: not a complete backup made by backup_site.")

        if connection.vendor == "postgresql":
            program, environment = postgres_program(connection, "pg_restore")
            # One transaction: a failed restore leaves the database as it was. No owners or
            # grants, since the roles of the backed-up server need not exist here.
            run(
                [
                    program,
                    "--no-password",
                    "--no-owner",
                    "--no-privileges",
                    "--clean",
                    "--if-exists",
                    "--single-transaction",
                    f"--dbname={database}",
                    str(dump),
                ],
                environment,
            )
        else:
            sqlite_copy(dump, database)
        self.stdout.write(f"Database ({connection.vendor}) restored from {dump} into {database}")
        # Cached pages and fragments describe the database that was replaced.
        site_changed()

        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(pending)} migrations of this release are not applied in the backup: "
                    "run manage.py migrate."
                )
            )

    def check_media(self, manifest, media_from):
        copied, missing, changed = 0, [], []
        for entry in manifest:
            name = entry["name"]
            local = media_from / name if media_from else None
            if local and local.is_file() and not default_storage.exists(name):
                with local.open("rb") as content:
                    default_storage.save(name, File(content))
                copied += 1
            if not default_storage.exists(name):
                missing.append(name)
            elif fingerprint(default_storage, name) != entry:
                changed.append(name)
        if copied:
            self.stdout.write(f"Copied {copied} media files from {media_from}")
        for name in missing:
            self.stderr.write(f"missing: {name}")
        for name in changed:
            self.stderr.write(f"changed: {name}")
        if missing or changed:
            raise CommandError(
                f"Of {len(manifest)} media files in the manifest, {len(missing)} are missing and "
                f"{len(changed)} changed in the configured storage: copy them with the storage's "
                "own tools or --media-from, then check again with --media-only."
            )
        self.stdout.write(
            self.style.SUCCESS(f"All {len(manifest)} media files of the manifest are in place.")
        )
