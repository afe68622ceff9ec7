from django.core.management.base import BaseCommand

from conferences.jobs import run_all


class Command(BaseCommand):
    help = (
        "Queue reminders for events in the next days, resend mails that failed, and anonymise "
        "registrations whose retention period has ended. Run it regularly (e.g. every 15 min)."
    )

    def handle(self, *args, **options):
        done = run_all()
        self.stdout.write(
            "{reminders} reminders queued, {mails_sent} mails sent, "
            "{anonymised} registrations anonymised.".format(**done)
        )
