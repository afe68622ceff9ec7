from django_tasks import task


@task()
def run_translation_job(job_id, run_id):
    """One batch of a translation job; it queues the next batch itself."""
    from .jobs import run_batch

    return run_batch(job_id, run_id)
