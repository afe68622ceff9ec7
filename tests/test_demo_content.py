import io
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation

from home.models import Topic
from tests.conftest import run_settings

pytestmark = pytest.mark.django_db


def counts():
    return (Page.objects.count(), Revision.objects.count(), Topic.objects.count())


def test_loading_the_demo_twice_changes_nothing(demo_site):
    before = counts()
    call_command("load_demo_content", stdout=io.StringIO())
    assert counts() == before


def test_english_pages_are_wagtail_localize_translations_of_the_german_ones(demo_site):
    english = Page.objects.filter(locale__language_code="en", depth__gte=2).live()
    german = Page.objects.filter(locale__language_code="de", depth__gte=2).live()
    assert english.count() == german.count() == 36
    for page in english:
        source = page.get_translation(german.first().locale)
        assert page.title != source.title or page.title == "Start Smart"
        assert Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale
        ).exists()


def test_topics_exist_in_both_languages(demo_site):
    german = Topic.objects.get(slug="digitale-zwillinge", locale__language_code="de")
    assert german.get_translation(Locale.objects.get(language_code="en")).name == "Digital twins"


def test_sample_content_is_marked_as_such(client, demo_site):
    for path in ("/de/impressum/", "/en/imprint/", "/de/datenschutz/"):
        text = client.get(path).content.decode()
        assert "Beispielinhalt" in text or "Sample content" in text


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("cms.settings.production", "settings.DEBUG", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("cms.settings.production", "settings.DEBUG", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_passes_djangos_deployment_checks():
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "k" * 60 + "Zq9!",
        "ALLOWED_HOSTS": "example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_production_uses_s3_when_a_bucket_is_configured():
    result = run_settings(
        "cms.settings.production",
        "settings.STORAGES['default']['BACKEND'], settings.DEBUG",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        AWS_STORAGE_BUCKET_NAME="media",
    )
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "False"]


def test_demo_admin_is_refused_outside_development(settings):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_demo_admin", stdout=io.StringIO())
