"""Finding the page a path leads to in two queries, however deep it lies.

Wagtail looks a path up one level at a time, two queries a level (the child by its slug, then
its specific model). Every page's url_path is its ancestors' slugs, so all levels are found in
one query, and the page that answers in one more, together with what its template shows of
other tables."""

from itertools import accumulate

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def answers_sub_path(page, components):
    """Whether a routable page serves the rest of the path itself, as RoutablePageMixin.route
    decides before it looks for a child page."""
    model = page.specific_class
    if not (page.live and model and issubclass(model, RoutablePageMixin)):
        return False
    try:
        model.get_resolver().resolve("/" + "/".join(components) + "/")
    except Http404:
        return False
    return True


def served_instance(page):
    """The specific page with its locale and whatever its model lists in `shown_related`."""
    model = page.specific_class or type(page)
    related = ("locale", *getattr(model, "shown_related", ()))
    return model._default_manager.select_related(*related).get(pk=page.pk)


def route_below(root, request, components):
    """Route `components` below `root` as Wagtail's Page.route would."""
    url_paths = list(
        accumulate(components, lambda path, slug: f"{path}{slug}/", initial=root.url_path)
    )[1:]
    # url_path has no index of its own; the slugs, which have one, narrow the rows first.
    candidates = Page.objects.descendant_of(root).filter(slug__in=components)
    levels = {page.url_path: page for page in candidates.filter(url_path__in=url_paths)}
    for depth, url_path in enumerate(url_paths, start=1):
        page = levels.get(url_path)
        if page is None:
            raise Http404
        remaining = components[depth:]
        if not remaining or answers_sub_path(page, remaining):
            return served_instance(page).route(request, remaining)
