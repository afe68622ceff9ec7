from django.conf import settings
from django.db import migrations

from home.roles import migrate_roles

SECOND_LANGUAGE = "en"


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")

    source_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    # Wagtail's own migration leaves a placeholder "Welcome" page; our home replaces it.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Start Smart",
        draft_title="Start Smart",
        hero_title="Start Smart",
        slug="home",
        content_type=homepage_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=source_locale,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Start Smart"},
    )


def create_second_locale(apps, schema_editor):
    """English is synchronised from German: new German pages appear in the English tree."""
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    english, _ = Locale.objects.get_or_create(language_code=SECOND_LANGUAGE)
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": source})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
        migrations.RunPython(create_second_locale, migrations.RunPython.noop),
        migrations.RunPython(migrate_roles, migrations.RunPython.noop),
    ]
