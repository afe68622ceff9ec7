from django.db import migrations

from home.roles import migrate_roles


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0001_initial"),
        ("home", "0002_site_locales_roles"),
    ]

    operations = [migrations.RunPython(migrate_roles, migrations.RunPython.noop)]
