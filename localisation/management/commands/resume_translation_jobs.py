from django.core.management.base import BaseCommand

from localisation.jobs import resume_stalled_jobs


class Command(BaseCommand):
    help = (
        "Resume background translations whose worker stopped in the middle of a batch. Run it "
        "regularly (e.g. every 15 min) next to the task worker."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{resume_stalled_jobs()} translation jobs resumed.")
