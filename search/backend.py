"""Wagtail's database search backend, with PostgreSQL's stemming chosen per locale
(wagtail/wagtail#9253). Every object is indexed with its own language's configuration, every
query uses the configuration of the language it searches in (text_search.searching_in), or,
when none is given, all of them at once. SQLite keeps Wagtail's FTS5 backend: no stemming."""

import operator
from collections import defaultdict
from functools import lru_cache, reduce

from django.contrib.postgres.search import SearchConfig, SearchQuery
from django.db import connection
from django.db.models.sql import Query
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale, TranslatableMixin

from .text_search import SIMPLE, config_for_language, current_search_language


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    if connection.vendor == "postgresql":
        return LocalisedPostgresSearchBackend(params)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        from .sqlite import TitleFirstSQLiteSearchQueryCompiler

        backend.query_compiler_class = TitleFirstSQLiteSearchQueryCompiler
    return backend


class _OneConfiguration:
    """The two attributes modelsearch's indexer reads from its backend, for one language."""

    def __init__(self, config):
        self.config = config
        self.autocomplete_config = SIMPLE


class LocalisedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        languages = {}
        if issubclass(model, TranslatableMixin):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_config = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            by_config[config_for_language(language)].append(obj)
        for config, group in by_config.items():
            PostgresIndex(_OneConfiguration(config)).add_items(model, group)


# Parsed queries each process keeps, the most recently used.
PARSED_QUERIES_KEPT = 4096


class ParsedSearchQuery(SearchQuery):
    """A tsquery PostgreSQL has already parsed, as a literal. to_tsquery with a stemmer and
    unaccent looks every word up in its dictionaries each time it runs, and, being only
    STABLE, it runs for every row a search ranks: twice per page, half the time of a search
    that ranks 1,000 pages (make bench). `config` is kept for modelsearch, which reads it."""

    template = "%(expressions)s::tsquery"

    def __init__(self, text, config):
        super().__init__(text)
        self.config = SearchConfig.from_parameter(config)


@lru_cache(maxsize=PARSED_QUERIES_KEPT)
def _parse(sql, params):
    # The text search configurations change only with a migration, and so a deployment.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0]


def _parsed(expression):
    """The tsquery `expression` builds, as PostgreSQL parses it: asked once per process for
    the same words."""
    compiler = Query(None).get_compiler(connection=connection)
    sql, params = expression.resolve_expression(compiler.query).as_sql(compiler, connection)
    return ParsedSearchQuery(_parse(sql, tuple(params)), getattr(expression, "config", None))


class LocalisedConfigMixin:
    def get_config(self, backend):
        if not issubclass(self.queryset.model, TranslatableMixin):
            return SIMPLE
        language = current_search_language()
        if language:
            return config_for_language(language)
        return tuple(sorted({config_for_language(code) for code in get_content_languages()}))

    def build_tsquery(self, query, config=None):
        if isinstance(config, tuple):
            # A word matches a page if it matches in the page's own language.
            queries = (super(LocalisedConfigMixin, self).build_tsquery(query, c) for c in config)
            return reduce(operator.or_, queries)
        return super().build_tsquery(query, config=config)


class ParsedOnceMixin:
    """Each tsquery of a search parsed once, not per row (ParsedSearchQuery)."""

    def build_tsquery(self, query, config=None):
        built = super().build_tsquery(query, config=config)
        if built is None:
            return None
        return _parsed(built)


class LocalisedSearchQueryCompiler(
    ParsedOnceMixin, LocalisedConfigMixin, PostgresSearchQueryCompiler
):
    pass


class LocalisedAutocompleteQueryCompiler(ParsedOnceMixin, PostgresAutocompleteQueryCompiler):
    """Suggestions match the beginnings of words as written, accents folded, in any language."""

    def get_config(self, backend):
        return SIMPLE


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = LocalisedSearchQueryCompiler
    autocomplete_query_compiler_class = LocalisedAutocompleteQueryCompiler
    index_class = LocalisedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.autocomplete_config = SIMPLE
