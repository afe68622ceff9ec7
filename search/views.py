import hashlib

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.search.backends import get_search_backend

from home.fragments import cached
from home.i18n import active_locale
from home.pagination import paginate

from . import results
from .analytics import record_search
from .forms import SearchForm
from .query import (
    DOCUMENT,
    MAX_LENGTH,
    MAX_TERMS,
    WORD,
    Terms,
    find,
    kind_of,
    public_pages,
)

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8


@require_safe
def search(request):
    locale = active_locale()
    form = SearchForm(request.GET, locale=locale)
    terms = Terms.parse(form.query)
    context = {"form": form, "terms": terms, "notices": []}
    if form.errors:
        context["notices"].append(_("Some filters could not be used and were ignored."))
    if "q" in request.GET and not form.query.strip():
        context["notices"].append(_("Please enter a word to search for."))
    elif form.query.strip() and not terms:
        context["notices"].append(
            _("Your search contains no letters or digits. Please enter a word to search for.")
        )
    if terms.shortened:
        context["notices"].append(_("Your search was too long, so only its beginning was used."))
    if terms:
        context.update(_results(request, form, terms, locale))
    return render(request, "search/search.html", context)


def _results(request, form, terms, locale):
    outcome = find(terms, locale)
    filtered = form.narrow(outcome.matches)
    promoted = []
    first_visit = not form.active_filters() and request.GET.get("page") in (None, "", "1")
    if first_visit:
        promoted = outcome.promoted
        shown = {item["page"].pk for item in promoted if "page" in item}
        filtered = [m for m in filtered if m.type == DOCUMENT or m.pk not in shown]
        record_search(terms.text, locale.language_code, len(filtered) + len(promoted))
    page_obj, page_problem = paginate(request, filtered, RESULTS_PER_PAGE)
    return {
        "outcome": outcome,
        "promoted": promoted,
        "total": len(filtered) + len(promoted),
        "page_obj": page_obj,
        "page_problem": page_problem,
        "results": results.load(page_obj.object_list, terms, locale.language_code, request),
        "facets": form.facets(outcome.matches),
        "any_filter": bool(form.active_filters()),
    }


def _suggestions(request, prefix):
    pages = get_search_backend().autocomplete(
        prefix, public_pages(active_locale()), operator="and"
    )[:SUGGESTIONS]
    return [
        {
            "title": page.title,
            "url": page.get_url(request=request),
            "type": kind_of(page.content_type_id),
        }
        for page in pages
    ]


@require_safe
def autocomplete(request):
    """Titles of pages in the visitor's language that begin with what has been typed; kept in
    the cache under the site version, as many people type the same beginnings."""
    text = request.GET.get("q", "")[:MAX_LENGTH]
    words = WORD.findall(text)[:MAX_TERMS]
    suggestions = []
    if len("".join(words)) >= 2:
        prefix = " ".join(words)
        typed = f"{request.get_host()}\0{get_language()}\0{prefix}"
        suggestions = cached(
            f"search:suggestions:{hashlib.sha256(typed.encode()).hexdigest()}",
            lambda: _suggestions(request, prefix),
            settings.SEARCH_CACHE_SECONDS,
        )
    return JsonResponse({"query": text, "suggestions": suggestions})
