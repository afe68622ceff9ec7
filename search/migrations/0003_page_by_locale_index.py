from django.db import migrations

INDEX = "search_page_by_locale"


def create(apps, schema_editor):
    # A search joins its matches to the live pages of one language: with the ids and content
    # types in this index, PostgreSQL reads them without touching Wagtail's wide page rows.
    # SQLite's search (FTS5) does not join this way.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (locale_id, live, depth)"
            " INCLUDE (id, content_type_id)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop)]
