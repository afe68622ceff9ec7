from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_form_notification(*, subject, body, from_address, to_addresses):
    EmailMessage(subject=subject, body=body, from_email=from_address, to=to_addresses).send()
