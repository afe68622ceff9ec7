from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .i18n import forget_live_languages
from .roles import grant_translator_tree


def is_locale_root(page):
    return page.depth == 2


@receiver(post_save)
def grant_translators_the_new_locale_tree(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Page) or not is_locale_root(instance):
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        grant_translator_tree(apps, instance)


@receiver(page_published)
@receiver(page_unpublished)
def refresh_languages_on_locale_root_change(sender, instance, **kwargs):
    if is_locale_root(instance):
        forget_live_languages()
