from django.db import migrations

from home.roles import migrate_roles


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_site_locales_roles"),
        ("conferences", "0005_registration_managers"),
    ]

    operations = [migrations.RunPython(migrate_roles, migrations.RunPython.noop)]
