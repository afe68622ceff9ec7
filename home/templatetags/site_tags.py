from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home import i18n
from home.fragments import cached
from home.fragments import site_version as current_site_version

register = template.Library()


def _current_site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    page = page if isinstance(page, Page) else None
    return i18n.language_links(page, _current_site(context), get_language())


def _per_request(context, key, compute):
    """Header and footer ask for the same things; work them out once per request."""
    request = context.get("request")
    cache = request.__dict__.setdefault("_site_tags", {}) if request else {}
    if key not in cache:
        cache[key] = compute()
    return cache[key]


@register.simple_tag
def site_version():
    return current_site_version()


@register.simple_tag(takes_context=True)
def locale_home(context):
    site = _current_site(context)
    if site is None:
        return None
    return _per_request(context, "home", lambda: site.root_page.localized)


@register.simple_tag(takes_context=True)
def main_menu(context):
    home = locale_home(context)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().only("id", "title", "url_path"))


SETTINGS_PAGES = [
    "contact_page",
    "imprint_page",
    "privacy_page",
    "accessibility_page",
    "easy_language_page",
    "sign_language_page",
]


@register.simple_tag(takes_context=True)
def site_pages(context):
    """The pages chosen in the site settings, in the visitor's language, as one query; none
    when no site answers for the hostname (its "not found" page)."""
    site = _current_site(context)
    if site is None:
        return {}

    def compute():
        site_settings = context["settings"]["home"]["SiteSettings"]
        ids = {name: getattr(site_settings, f"{name}_id") for name in SETTINGS_PAGES}
        return i18n.pages_in_active_language(ids)

    key = f"home:site-pages:{site.pk}:{get_language()}"
    return _per_request(context, "site_pages", lambda: cached(key, compute))


@register.simple_tag
def source_language():
    """Site settings are written once, in the source language; mark them so (WCAG 3.1.2)."""
    return settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def translation_alternates(context, page):
    """hreflang alternates as absolute URLs on the host the visitor used."""
    if not isinstance(page, Page):
        return []
    request = context["request"]
    site = _current_site(context)

    def compute():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return [(p.locale.language_code, p.get_url(request)) for p in translations]

    urls = cached(f"home:alternates:{page.pk}:{site.pk if site else ''}", compute)
    return [{"code": code, "url": request.build_absolute_uri(url)} for code, url in urls]


@register.simple_tag
def breadcrumb_ancestors(page):
    """The page's ancestors below the root of the tree, from the home page down."""

    def ancestors():
        return list(page.get_ancestors()[1:])

    # A new page previewed before its first save has no key of its own.
    return cached(f"home:breadcrumbs:{page.pk}", ancestors) if page.pk else ancestors()


@register.simple_tag
def field_with_description(field):
    """Render a form widget that announces its help text, its errors and its invalid state."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def page_type(page):
    """`<app_label>.<modelname>` of a page, the machine-readable marker on every `<body>`."""
    return page.specific_class._meta.label_lower if isinstance(page, Page) else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced, so filters survive paging."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
