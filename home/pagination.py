from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


def paginate(request, items, per_page):
    """The requested page of a listing, and a message for the visitor when the page number in
    the URL could not be used (shared links outlive the number of pages)."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1), None
    except PageNotAnInteger:
        return paginator.page(1), _("That page number is not valid; showing the first page.")
    except EmptyPage:
        return (
            paginator.page(paginator.num_pages),
            _("There are fewer pages; showing the last one."),
        )
