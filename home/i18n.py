"""Which locales the site offers, and where a page lives in each of them."""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from .fragments import cached


def live_language_codes():
    """Languages that have a live home page: adding a Locale and translating is enough.
    Cached under the site version, which publishing or unpublishing any page replaces."""

    def compute():
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
        if site is None:
            return [settings.LANGUAGE_CODE]
        return list(
            Page.objects.filter(translation_key=site.root_page.translation_key)
            .live()
            .values_list("locale__language_code", flat=True)
        )

    return cached("home:live-language-codes", compute)


def active_locale():
    """Wagtail's Locale.get_active(), the locale of the language being shown, without its query
    on every request."""
    return cached(f"home:active-locale:{get_language()}", Locale.get_active)


def language_links(page, site, current_language):
    """One link per published language: the page's translation, else that language's home."""
    names = dict(settings.LANGUAGES)
    codes = live_language_codes()
    translations = {}
    if page is not None:
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    homes = {}
    if site is not None:
        homes = {
            p.locale.language_code: p
            for p in Page.objects.filter(translation_key=site.root_page.translation_key)
            .live()
            .select_related("locale")
        }
    links = []
    for locale in Locale.objects.filter(language_code__in=codes).order_by("id"):
        code = locale.language_code
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        links.append(
            {
                "code": code,
                "name": names.get(code, code),
                "url": target.get_url(),
                "is_current": code == current_language,
                "is_translation": code in translations,
            }
        )
    return links


def pages_in_active_language(pages_by_name):
    """Several pages in the visitor's language in one query; untranslated ones as they are."""
    ids = {name: pk for name, pk in pages_by_name.items() if pk}
    if not ids:
        return {}
    candidates = list(
        Page.objects.live()
        .filter(
            translation_key__in=Page.objects.filter(id__in=ids.values()).values("translation_key")
        )
        .select_related("locale")
    )
    by_id = {page.pk: page for page in candidates}
    language = get_language()
    in_language = {
        page.translation_key: page for page in candidates if page.locale.language_code == language
    }
    result = {}
    for name, pk in ids.items():
        source = by_id.get(pk)
        if source is not None:
            result[name] = in_language.get(source.translation_key, source)
    return result


def url_in_active_language(page):
    """The address of a chosen page in the visitor's language, or of the page itself where it
    has no live translation. Cached under the site version, which publishing, unpublishing or
    moving any page replaces, so blocks linking many pages cost no query each."""
    return cached(f"home:page-url:{page.pk}:{get_language()}", lambda: page.localized.url)
