from django_tasks import task


@task()
def deliver_message(message_id):
    from .outbox import deliver

    deliver(message_id)
