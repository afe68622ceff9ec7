from django.db import migrations

from home.roles import migrate_roles


class Migration(migrations.Migration):
    dependencies = [("conferences", "0004_registrations")]

    operations = [migrations.RunPython(migrate_roles, migrations.RunPython.noop)]
