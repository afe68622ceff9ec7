from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import BaseViewRestriction, Collection, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .fragments import site_changed
from .page_cache import purge_listings_from_cdn
from .roles import grant_translator_tree


def is_locale_root(page):
    return page.depth == 2


@receiver(post_save)
def grant_translators_the_new_locale_tree(sender, instance, created, raw=False, **kwargs):
    if raw or not created or not isinstance(instance, Page) or not is_locale_root(instance):
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        grant_translator_tree(apps, instance)


page_published.connect(site_changed, dispatch_uid="site_changed_on_publish")
page_unpublished.connect(site_changed, dispatch_uid="site_changed_on_unpublish")
post_page_move.connect(site_changed, dispatch_uid="site_changed_on_move")
page_published.connect(purge_listings_from_cdn, dispatch_uid="purge_listings_on_publish")
page_unpublished.connect(purge_listings_from_cdn, dispatch_uid="purge_listings_on_unpublish")
post_page_move.connect(purge_listings_from_cdn, dispatch_uid="purge_listings_on_move")


@receiver(post_save)
@receiver(post_delete)
def site_changed_with_what_pages_show(sender, **kwargs):
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.snippets.models import get_snippet_models

    from .models import SiteSettings

    # Pages show snippets, images and documents too, so the page cache must not outlive them;
    # nor a page, or a collection of documents, that someone has just made private or moved
    # into a private one.
    shown = (
        Page,
        Site,
        Locale,
        SiteSettings,
        AbstractImage,
        AbstractDocument,
        BaseViewRestriction,
        Collection,
    )
    if issubclass(sender, shown) or sender in get_snippet_models():
        site_changed()
