"""Search analytics for editors: how often each term was searched, per day and language, and
how often it found nothing. Only counts of normalised terms are stored, never who searched,
and terms that may identify a person are not stored at all (DSGVO Art. 5(1)(c))."""

import datetime
import re

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, Sum
from django.utils import timezone

from .models import QueryStatistic

MAX_TERM_LENGTH = QueryStatistic._meta.get_field("query").max_length
# Editors compare a term's numbers with the same season last year, so a year and a margin;
# terms can still hold names and the like that the rules below miss, so not longer.
RETENTION_DAYS = 400

# A term matching any of these is dropped whole: the words around an address or a number
# (a name, a street) may identify the person as well.
UNSTORED_TERMS = [
    # E-mail addresses.
    re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+"),
    # Five or more digits, also written in groups (030 123 45 67, DE89 3704 0044 …): phone
    # numbers, IBANs, customer and file numbers, dates of birth. Years alone are kept.
    re.compile(r"\d(?:[\s./-]?\d){4,}"),
    # Addresses of web pages: their paths and query strings can carry tokens and names, such as
    # the personal link to manage a registration.
    re.compile(r"[a-z][a-z0-9+.-]*://|www\."),
    # Words of 16 or more characters mixing letters and digits: tokens, keys and IDs.
    re.compile(r"\b(?=\w*\d)(?=\w*[^\W\d])\w{16,}"),
]


def normalise_term(query: str) -> str | None:
    """The term as it is counted: case-folded, white space collapsed, at most 200 characters;
    None if it is empty or may be personal data."""
    term = " ".join(str(query).casefold().split())
    if not term or any(pattern.search(term) for pattern in UNSTORED_TERMS):
        return None
    return term[:MAX_TERM_LENGTH].rstrip()


def record_search(query, language_code, result_count):
    """Counts one search in today's statistics (in the project's time zone)."""
    term = normalise_term(query)
    if term is None:
        return
    day = timezone.localdate()
    without_results = int(result_count == 0)
    todays_row = QueryStatistic.objects.filter(day=day, language_code=language_code, query=term)
    increment = {
        "searches": F("searches") + 1,
        "searches_without_results": F("searches_without_results") + without_results,
    }
    if todays_row.update(**increment):
        return
    try:
        # The savepoint keeps a caller's transaction usable when the insert fails.
        with transaction.atomic():
            QueryStatistic.objects.create(
                day=day,
                language_code=language_code,
                query=term,
                searches=1,
                searches_without_results=without_results,
            )
    except IntegrityError:
        # Another request created the row after our update found none; count on top of it.
        todays_row.update(**increment)


def term_totals(first_day, language_code=None):
    """One row per term and language searched since `first_day`: `query`, `language_code`,
    `total_searches`, `total_without_results`, `last_searched` and `last_without_results`."""
    rows = QueryStatistic.objects.filter(day__gte=first_day)
    if language_code:
        rows = rows.filter(language_code=language_code)
    return rows.values("query", "language_code").annotate(
        total_searches=Sum("searches"),
        total_without_results=Sum("searches_without_results"),
        last_searched=Max("day"),
        last_without_results=Max("day", filter=Q(searches_without_results__gt=0)),
    )


def purge_statistics(now=None):
    """Deletes the statistics older than the retention period; returns how many rows."""
    today = timezone.localdate(now or timezone.now())
    cutoff = today - datetime.timedelta(days=RETENTION_DAYS)
    deleted, _by_model = QueryStatistic.objects.filter(day__lt=cutoff).delete()
    return deleted
