"""The results shown on one page of the search: titles and passages with the matched words
marked, the kind of page, the date of an event. A constant number of queries per page."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from conferences.models import EventPage

from .query import DOCUMENT, EVENT_TYPES, kind_of
from .text_search import config_for_language

EXCERPT_LENGTH = 260
# Brackets that do not occur in page text mark the matches until the text is escaped.
OPEN, CLOSE = "\u27e6", "\u27e7"


@dataclass
class Result:
    url: str
    title: str
    kind: str
    excerpt: str = ""
    event: object = None
    document: object = None
    upcoming: bool = False


def _marked(text):
    return mark_safe(escape(text).replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def _pattern(words):
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\w*", re.I)


def mark_words(text, words):
    """The words typed, and longer words they begin, marked (SQLite does not stem)."""
    pattern = _pattern(words)
    text = text.replace(OPEN, "").replace(CLOSE, "")
    if pattern is not None:
        text = pattern.sub(lambda found: f"{OPEN}{found.group(0)}{CLOSE}", text)
    return _marked(text)


def excerpt(text, words):
    """A passage around the first matched word, cut at word boundaries."""
    text = " ".join(text.split())
    pattern = _pattern(words)
    found = pattern.search(text) if pattern is not None else None
    start = 0
    if found and found.start() > EXCERPT_LENGTH // 3:
        start = text.rfind(" ", 0, found.start() - EXCERPT_LENGTH // 4) + 1
    end = start + EXCERPT_LENGTH
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    passage = text[start:end]
    return mark_words(("… " if start else "") + passage + (" …" if end < len(text) else ""), words)


def _texts(pages, terms, language_code):
    """Title and passage of each page with the matches marked, as the index holds them."""
    entries = IndexEntry.objects.filter(
        content_type_id__in={page.content_type_id for page in pages},
        object_id__in=[str(page.pk) for page in pages],
    )
    words = terms.all_words
    if connection.vendor != "postgresql":
        return {
            int(entry.object_id): (mark_words(entry.title, words), excerpt(entry.body or "", words))
            for entry in entries.only("object_id", "title", "body")
        }
    config = config_for_language(language_code)
    query = SearchQuery(" ".join(words), search_type="plain", config=config)
    marks = {"start_sel": OPEN, "stop_sel": CLOSE, "config": config}
    rows = entries.annotate(
        title_marked=SearchHeadline("title_text", query, highlight_all=True, **marks),
        body_marked=SearchHeadline(
            "body_text",
            query,
            max_words=40,
            min_words=20,
            max_fragments=2,
            fragment_delimiter=" … ",
            **marks,
        ),
    ).values_list("object_id", "title_marked", "body_marked")
    return {int(pk): (_marked(title), _marked(body)) for pk, title, body in rows}


def load(matches, terms, language_code, request):
    """The full results for these matches, in their order."""
    page_ids = [match.pk for match in matches if match.type != DOCUMENT]
    document_ids = [match.pk for match in matches if match.type == DOCUMENT]
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids).only(
            "id", "title", "url_path", "content_type_id", "locale_id", "path", "depth"
        )
    }
    event_ids = [match.pk for match in matches if match.type in EVENT_TYPES]
    events = EventPage.objects.only("start", "end").in_bulk(event_ids) if event_ids else {}
    texts = _texts(list(pages.values()), terms, language_code) if pages else {}
    documents = get_document_model().objects.in_bulk(document_ids) if document_ids else {}
    results = []
    for match in matches:
        if match.type == DOCUMENT:
            document = documents.get(match.pk)
            if document is not None:
                results.append(
                    Result(
                        url=document.url,
                        title=mark_words(document.title, terms.all_words),
                        kind=str(get_document_model()._meta.verbose_name),
                        document=document,
                    )
                )
            continue
        page = pages.get(match.pk)
        if page is None:
            continue
        title, passage = texts.get(page.pk, (escape(page.title), ""))
        results.append(
            Result(
                url=page.get_url(request=request),
                title=title or escape(page.title),
                kind=kind_of(page.content_type_id),
                excerpt=passage,
                event=events.get(page.pk),
                upcoming=match.upcoming,
            )
        )
    return results
