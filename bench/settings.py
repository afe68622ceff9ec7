"""The settings `make bench` serves with: `make run`'s, with production's task backend, so mails
are queued for the task worker instead of being composed within the registration request.
bench/registrations.py turns DEBUG off and keeps database connections open (CONN_MAX_AGE)."""

from cms.settings.dev import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
