# Each admin area registers its own hooks; Wagtail imports only this module.
from . import job_admin, status_admin  # noqa: F401
