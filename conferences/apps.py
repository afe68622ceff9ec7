from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.contrib.routable_page.models import RoutablePageMixin
        from wagtail.models import get_page_models

        from . import signals  # noqa: F401

        # Wagtail builds a routable page's URL resolver on first use and stores it on the
        # class; two threads doing that at once can fail ("dictionary changed size during
        # iteration"), so threaded servers get them built before the first request.
        for model in get_page_models():
            if issubclass(model, RoutablePageMixin):
                model.get_resolver()
