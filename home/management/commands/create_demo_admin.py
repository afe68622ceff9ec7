from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "startsmart-demo"


class Command(BaseCommand):
    help = "Create the demo superuser for local development (refused outside the dev settings)."

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_ADMIN_ALLOWED", False):
            raise CommandError("The demo admin exists only with the development settings.")
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin: http://127.0.0.1:8000/admin/  user {DEMO_USERNAME!r}  "
                f"password {DEMO_PASSWORD!r}"
            )
        )
