import json

from django import template
from django.utils.safestring import mark_safe

from conferences import cards
from conferences.jsonld import event_json_ld

register = template.Library()

# A JSON string may not close the script element or open a comment inside it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def json_ld(context, event):
    ld = event_json_ld(event, context["request"], context.get("availability"))
    data = json.dumps(ld, ensure_ascii=False)
    return mark_safe(  # noqa: S308 - escaped above for the script context
        f'<script type="application/ld+json">{data.translate(JSON_SCRIPT_ESCAPES)}</script>'
    )


@register.simple_tag(takes_context=True)
def calendar_links(context, page):
    """Download and subscription (webcal) addresses of a page's calendar route."""
    request = context["request"]
    url = request.build_absolute_uri(page.get_url(request) + page.reverse_subpage("calendar"))
    return {"download": url, "subscribe": "webcal://" + url.split("://", 1)[1]}


@register.simple_tag(takes_context=True)
def event_cards(context, events):
    return cards.event_cards(events, context["request"])
