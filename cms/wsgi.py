import os

from django.core.wsgi import get_wsgi_application

from cms.memory import freeze_loaded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = get_wsgi_application()
freeze_loaded()
