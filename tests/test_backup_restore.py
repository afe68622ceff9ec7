"""An operator backs up the site, restores it into a new database and gets the same pages; a
restore never overwrites a database by accident, and the media manifest shows which uploads
are missing or changed after a restore.

The backup runs in this process. It sees the demo site because conftest commits it before the
tests (pg_dump runs in another process and would not see rows a test made in its transaction).
Restoring and rendering run as new processes pointed at a scratch database by DATABASE_URL,
the way an operator runs them."""

import hashlib
import io
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import psycopg
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from wagtail.documents.models import Document

from tests.conftest import page_in
from tests.test_media_s3 import bucket, s3_endpoint  # noqa: F401
from tests.test_uploads import GENUINE

pytestmark = pytest.mark.django_db

PAGES = [("de", "regionalkonferenz-guetersloh-2023"), ("en", "urban-data-platform-musterstadt")]
RENDER = (
    "import json, sys, django; django.setup();"
    "from django.test.utils import setup_test_environment; setup_test_environment();"
    "from tests.test_backup_restore import rendered; print(json.dumps(rendered(sys.argv[1:])))"
)


def rendered(paths):
    """Status, title and text of the main content of each page, as a visitor gets them."""
    client = Client()
    pages = {}
    for path in paths:
        response = client.get(path)
        html = BeautifulSoup(response.content, "html.parser")
        text = " ".join(html.main.get_text(" ").split())
        pages[path] = [response.status_code, html.title.get_text(strip=True), text]
    return pages


def run_against(database_url, *command):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
    }
    # Pages must come from the restored database, not from fragments this process cached.
    environment.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, *command],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def new_database(tmp_path):
    """The URL of a new, empty database on the server the suite runs on."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"startsmart_restore_test_{os.getpid()}"
    server = urlsplit(os.environ["DATABASE_URL"])
    with psycopg.connect(server._replace(path="/postgres").geturl(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield server._replace(path=f"/{name}").geturl()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def local_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    return tmp_path / "media"


@pytest.fixture(params=["local", "s3"])
def media_storage(request):
    request.getfixturevalue("local_media" if request.param == "local" else "bucket")
    return default_storage


def upload_document(name, content):
    return Document.objects.create(title=name, file=ContentFile(content, name=name))


def back_up(directory):
    call_command("backup_site", directory, stdout=io.StringIO())
    return json.loads((directory / "backup.json").read_text())


def restore_media(directory, *options):
    out = io.StringIO()
    call_command("restore_site", directory, "--media-only", *options, stdout=out)
    return out.getvalue()


def media_problems(directory):
    """The refusal and the files listed when the storage does not match the manifest."""
    err = io.StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("restore_site", directory, "--media-only", stdout=io.StringIO(), stderr=err)
    return str(refusal.value), err.getvalue().splitlines()


def test_a_restored_backup_in_a_new_database_renders_the_same_pages(
    tmp_path, local_media, new_database
):
    paths = ["/de/", "/en/", *(page_in(language, slug).url for language, slug in PAGES)]
    upload_document("programm.pdf", GENUINE["pdf"])

    metadata = back_up(tmp_path / "backup")
    restore = run_against(
        new_database,
        "manage.py",
        "restore_site",
        str(tmp_path / "backup"),
        # The restoring process keeps uploads in memory, so it takes them from our folder.
        f"--media-from={local_media}",
    )

    assert metadata["database"]["vendor"] == connection.vendor
    assert metadata["migrations"]["home"]
    assert restore.returncode == 0, restore.stderr
    assert "Copied 1 media files" in restore.stdout
    assert "run manage.py migrate" not in restore.stdout
    original = rendered(paths)
    assert [status for status, _, _ in original.values()] == [200] * len(paths)
    pages = run_against(new_database, "-c", RENDER, *paths)
    assert pages.returncode == 0, pages.stderr
    assert json.loads(pages.stdout) == original


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, local_media):
    back_up(tmp_path / "backup")
    page = page_in("de", "regionalkonferenz-guetersloh-2023")
    page.title = "Geändert nach der Sicherung"
    page.save()

    with pytest.raises(CommandError, match="is not empty .* --force"):
        call_command("restore_site", tmp_path / "backup", stdout=io.StringIO())

    page.refresh_from_db()
    assert page.title == "Geändert nach der Sicherung"


def test_backup_refuses_a_directory_that_holds_files(tmp_path):
    (tmp_path / "notes.txt").write_text("an earlier backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_site", tmp_path, stdout=io.StringIO())


def test_media_manifest_lists_an_upload_and_restore_reports_it_missing_or_changed(
    media_storage, tmp_path
):
    document = upload_document("programm.pdf", GENUINE["pdf"])
    name = document.file.name
    back_up(tmp_path / "backup")

    manifest = json.loads((tmp_path / "backup" / "media.json").read_text())["files"]
    assert manifest == [
        {
            "name": name,
            "size": len(GENUINE["pdf"]),
            "sha256": hashlib.sha256(GENUINE["pdf"]).hexdigest(),
        }
    ]
    assert "All 1 media files" in restore_media(tmp_path / "backup")

    media_storage.delete(name)
    refusal, listed = media_problems(tmp_path / "backup")
    assert "1 are missing and 0 changed" in refusal
    assert listed == [f"missing: {name}"]

    media_storage.save(name, ContentFile(b"%PDF-1.7 another programme"))
    refusal, listed = media_problems(tmp_path / "backup")
    assert "0 are missing and 1 changed" in refusal
    assert listed == [f"changed: {name}"]

    media_storage.delete(name)
    copies = tmp_path / "copies"
    (copies / name).parent.mkdir(parents=True)
    (copies / name).write_bytes(GENUINE["pdf"])
    assert "All 1 media files" in restore_media(tmp_path / "backup", f"--media-from={copies}")
    assert media_storage.open(name).read() == GENUINE["pdf"]
