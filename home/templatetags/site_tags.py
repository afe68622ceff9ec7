from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home import i18n

register = template.Library()


def _current_site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.simple_tag(takes_context=True)
def language_links(context, page=None):
    page = page if isinstance(page, Page) else None
    return i18n.language_links(page, _current_site(context), get_language())


@register.simple_tag(takes_context=True)
def locale_home(context):
    site = _current_site(context)
    if site is None:
        return None
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def main_menu(context):
    site = _current_site(context)
    if site is None:
        return []
    home = site.root_page.localized
    return list(home.get_children().live().public().in_menu().only("id", "title", "url_path"))


@register.simple_tag
def source_language():
    """Site settings are written once, in the source language; mark them so (WCAG 3.1.2)."""
    return settings.LANGUAGE_CODE


@register.filter
def localized(page):
    """The page in the active language where it is translated, so settings links follow it."""
    if page is None:
        return None
    return page.localized


@register.simple_tag(takes_context=True)
def translation_alternates(context, page):
    """hreflang alternates as absolute URLs on the host the visitor used."""
    if not isinstance(page, Page):
        return []
    request = context["request"]
    return [
        {"code": p.locale.language_code, "url": request.build_absolute_uri(p.get_url(request))}
        for p in page.get_translations(inclusive=True).live().select_related("locale")
    ]


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
