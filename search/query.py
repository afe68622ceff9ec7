"""The site search: live, public pages of the visitor's language and public documents; ranked
title over teaser over body, upcoming events above past ones; facets counted over every match.

One query finds every match with its score (the ranking itself is the database's), the facets
are counted from that list, and only the page of results shown is loaded in full, so the
number of queries stays the same whatever the number of matches."""

import difflib
import hashlib
import operator
import re
from dataclasses import dataclass, field
from functools import reduce

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Aggregate, CharField, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch.query import And, Phrase, PlainText
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from casestudies.models import CaseStudyPage
from conferences.models import ConferencePage, EventPage, WorkshopPage, WorkshopSeriesPage
from home.fragments import cached
from home.models import Topic, in_private_section

from .text_search import searching_in

MAX_LENGTH = 200
MAX_TERMS = 10
# An upcoming event counts this much more than a past one that matches as well.
UPCOMING_BOOST = 2.0
# Without an exact match, titles this similar to what was typed (pg_trgm word similarity).
SIMILAR_TITLE_THRESHOLD = 0.35
SIMILAR_TITLES = 50
WORD = re.compile(r"[^\W_]+")
QUOTED = re.compile(r'"([^"]*)"')

PAGE_TYPES = {
    "conference": ConferencePage,
    "workshop_series": WorkshopSeriesPage,
    "workshop": WorkshopPage,
    "case_study": CaseStudyPage,
}
OTHER_PAGES = "page"
DOCUMENT = "document"
TYPE_LABELS = {
    "conference": _("Conferences"),
    "workshop_series": _("Workshop series"),
    "workshop": _("Workshop sessions"),
    "case_study": _("Case studies"),
    OTHER_PAGES: _("Other pages"),
    DOCUMENT: _("Documents"),
}
EVENT_TYPES = {"conference", "workshop"}
WHEN_LABELS = {"upcoming": _("Upcoming and running events"), "past": _("Past events")}


@dataclass(frozen=True)
class Terms:
    """What a visitor typed, reduced to words: search operators and punctuation carry no
    meaning here, so nothing typed can break the query."""

    words: tuple
    phrases: tuple
    shortened: bool

    @classmethod
    def parse(cls, text):
        text = text or ""
        shortened = len(text) > MAX_LENGTH
        if shortened:
            # Cut between words, not through one.
            text = text[: MAX_LENGTH + 1].rsplit(None, 1)[0][:MAX_LENGTH]
        phrases, words = [], []
        for quoted in QUOTED.findall(text):
            phrase = WORD.findall(quoted)
            (phrases.append(" ".join(phrase)) if len(phrase) > 1 else words.extend(phrase))
        words.extend(WORD.findall(QUOTED.sub(" ", text)))
        unique = list(dict.fromkeys(words))
        if len(unique) + len(phrases) > MAX_TERMS:
            shortened = True
        phrases = phrases[:MAX_TERMS]
        unique = unique[: MAX_TERMS - len(phrases)]
        return cls(tuple(unique), tuple(phrases), shortened)

    def __bool__(self):
        return bool(self.words or self.phrases)

    @property
    def text(self):
        return " ".join([*self.words, *(f'"{phrase}"' for phrase in self.phrases)])

    @property
    def all_words(self):
        return [*self.words, *(word for phrase in self.phrases for word in phrase.split())]

    def as_query(self):
        parts = [Phrase(phrase) for phrase in self.phrases]
        if self.words:
            parts.insert(0, PlainText(" ".join(self.words), operator="and"))
        return parts[0] if len(parts) == 1 else And(parts)


@dataclass(slots=True)
class Match:
    pk: int
    type: str
    relevance: float
    topics: set = field(default_factory=set)
    upcoming: bool = False


@dataclass
class Outcome:
    matches: list
    promoted: list = field(default_factory=list)
    fuzzy: bool = False
    suggestion: str = ""


def _relevance(score):
    # PostgreSQL's ts_rank grows with relevance; SQLite's bm25 is negative and falls with it.
    return abs(score or 0.0)


def _type_of(content_type_id, types_by_content_type):
    return types_by_content_type.get(content_type_id, OTHER_PAGES)


def _types_by_content_type():
    return {ContentType.objects.get_for_model(model).pk: key for key, model in PAGE_TYPES.items()}


def kind_of(content_type_id):
    """What a page is, in the visitor's language (no query once content types are cached)."""
    return str(ContentType.objects.get_for_id(content_type_id).model_class()._meta.verbose_name)


def _private_page_ids():
    return list(Page.objects.filter(in_private_section()).values_list("pk", flat=True))


def public_pages(locale):
    """The live pages of this language outside every private section. modelsearch takes
    filters on fields only, so the pages in private sections are left out by id; which they
    are is kept under the site version, which every view restriction, publish and move
    replaces (home/signals.py)."""
    pages = Page.objects.live().filter(locale=locale, depth__gt=1)
    private = cached("search:private-page-ids", _private_page_ids)
    return pages.exclude(pk__in=private) if private else pages


class _Joined(Aggregate):
    """Values joined by commas, as text."""

    function = "string_agg"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="group_concat", **extra_context)


def _topic_ids(model, column):
    links = model.topics.through.objects.filter(**{column: OuterRef("pk")})
    joined = _Joined(Cast("topic_id", CharField()))
    return Subquery(links.values(column).annotate(ids=joined).values("ids"))


def _with_facts(pages):
    """Each page's upcoming flag and topics, in the query that finds the pages."""
    return pages.annotate(
        upcoming=Exists(EventPage.objects.filter(pk=OuterRef("pk"), end__gte=timezone.now())),
        event_topics=_topic_ids(EventPage, "eventpage_id"),
        case_study_topics=_topic_ids(CaseStudyPage, "casestudypage_id"),
    )


def _topic_slugs():
    return dict(Topic.objects.values_list(Cast("pk", CharField()), "slug"))


def _matches(rows):
    """Matches from (pk, content type, score, upcoming, event topics, case study topics) rows;
    an upcoming event counts UPCOMING_BOOST times as much."""
    types = _types_by_content_type()
    slugs = cached("search:topic-slugs", _topic_slugs)

    def topics(joined_ids):
        # A page is an event or a case study, never both: one of the two is None.
        return {slugs[id] for id in joined_ids.split(",") if id in slugs} if joined_ids else set()

    return [
        Match(
            pk,
            _type_of(content_type_id, types),
            _relevance(score) * (UPCOMING_BOOST if upcoming else 1),
            topics=topics(event_topics or case_study_topics),
            upcoming=upcoming,
        )
        for pk, content_type_id, score, upcoming, event_topics, case_study_topics in rows
    ]


FACT_COLUMNS = ("upcoming", "event_topics", "case_study_topics")


def _page_matches(query, locale):
    backend = get_search_backend()
    with searching_in(locale.language_code):
        results = backend.search(query, public_pages(locale)).annotate_score("_score")
        found = _with_facts(results.get_queryset())
        return _matches(found.values_list("pk", "content_type_id", "_score", *FACT_COLUMNS))


def _private_collections():
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    under = [Q(path__startswith=path) for path in paths]
    if not under:
        return []
    return list(Collection.objects.filter(reduce(operator.or_, under)).values_list("pk", flat=True))


def public_documents():
    """Documents outside every private collection, which are kept under the site version like
    the private sections of public_pages."""
    documents = get_document_model().objects.all()
    private = cached("search:private-collections", _private_collections)
    return documents.exclude(collection_id__in=private) if private else documents


def _document_matches(query):
    results = get_search_backend().search(query, public_documents()).annotate_score("_score")
    rows = results.get_queryset().values_list("pk", "_score")
    return [Match(pk, DOCUMENT, _relevance(score)) for pk, score in rows]


def _promotions(terms, locale):
    """Editors' promoted results for this search, each in the visitor's language."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    promotions = list(
        SearchPromotion.objects.filter(query__query_string=terms.text.lower())
        .select_related("page")
        .order_by("sort_order")
    )
    keys = [promotion.page.translation_key for promotion in promotions if promotion.page]
    in_language = {}
    if keys:
        in_language = {
            page.translation_key: page
            for page in public_pages(locale).filter(translation_key__in=keys).specific()
        }
    promoted = []
    for promotion in promotions:
        if promotion.page:
            page = in_language.get(promotion.page.translation_key)
            if page is not None:
                promoted.append({"page": page, "description": promotion.description})
        elif promotion.external_link_url:
            promoted.append(
                {
                    "url": promotion.external_link_url,
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return promoted


def _suggestion(terms, titles):
    """'Did you mean': each word replaced by the closest word in the titles of similar pages."""
    vocabulary = {word.lower(): word for title in titles for word in WORD.findall(title)}
    changed, suggested = False, []
    for word in terms.all_words:
        close = difflib.get_close_matches(word.lower(), vocabulary, n=1, cutoff=0.75)
        if close and close[0] != word.lower():
            changed = True
            suggested.append(vocabulary[close[0]])
        else:
            suggested.append(word)
    return " ".join(suggested) if changed else ""


def _similar_titles(terms, locale):
    """Pages whose titles hold words like the ones typed (pg_trgm), for a search that found
    nothing: titles only, which stays fast on 10,000 pages where whole texts would not."""
    similarity = TrigramWordSimilarity(" ".join(terms.all_words), "title")
    similar = (
        public_pages(locale)
        .annotate(similarity=similarity)
        .filter(similarity__gte=SIMILAR_TITLE_THRESHOLD)
        .order_by("-similarity", "-pk")[:SIMILAR_TITLES]
    )
    rows = list(
        _with_facts(similar).values_list(
            "pk", "content_type_id", "similarity", *FACT_COLUMNS, "title"
        )
    )
    return _matches(row[:-1] for row in rows), [row[-1] for row in rows]


def _search(terms, locale):
    query = terms.as_query()
    outcome = Outcome(matches=_page_matches(query, locale) + _document_matches(query))
    if not outcome.matches and connection.vendor == "postgresql":
        outcome.matches, titles = _similar_titles(terms, locale)
        outcome.fuzzy = bool(outcome.matches)
        outcome.suggestion = _suggestion(terms, titles) if outcome.fuzzy else ""
    outcome.matches.sort(key=lambda m: (-m.relevance, -m.pk))
    return outcome


def find(terms, locale):
    """Every match for the terms in this language, best first, and the editors' promotions.

    The matches are kept in the shared cache under the site version, which every publish,
    unpublish, move, view restriction and document change replaces (home/fragments.py), so a
    repeated search costs no full-text query and a change is found at once. Only an event
    that has just ended can still count as upcoming, for SEARCH_CACHE_SECONDS at most."""
    searched = hashlib.sha256(f"{locale.language_code}\0{terms.text}".encode()).hexdigest()
    outcome = cached(
        f"search:matches:{searched}",
        lambda: _search(terms, locale),
        settings.SEARCH_CACHE_SECONDS,
    )
    outcome.promoted = _promotions(terms, locale)
    return outcome
