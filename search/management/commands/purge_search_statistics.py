from django.core.management.base import BaseCommand

from search.analytics import RETENTION_DAYS, purge_statistics


class Command(BaseCommand):
    help = (
        f"Delete search term statistics older than {RETENTION_DAYS} days. Run it daily; "
        "a repeated run is harmless."
    )

    def handle(self, *args, **options):
        deleted = purge_statistics()
        self.stdout.write(
            f"{deleted} search term statistics older than {RETENTION_DAYS} days deleted."
        )
