from django.db import migrations

from home.roles import migrate_roles


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("home", "0003_media_ownership"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(migrate_roles, migrations.RunPython.noop)]
