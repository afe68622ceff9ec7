"""PostgreSQL text search configurations, one per language: the language's Snowball stemmer
after unaccent, so "Zwilling" finds "Zwillinge", "Gutersloh" finds "Gütersloh" and "Strasse"
finds "Straße". Migration 0001 creates them; a language without a stemmer gets the simple one,
so adding a Locale needs no code."""

import contextvars
from contextlib import contextmanager

# Languages whose Snowball stemmer PostgreSQL ships, by ISO 639-1 code.
STEMMERS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}
PREFIX = "startsmart_"
# Words as written, accents folded: untranslated objects (documents) and suggestions.
SIMPLE = f"{PREFIX}simple"
TITLE_AND_BODY_INDEX = "search_indexentry_title_body"

_language = contextvars.ContextVar("search_language", default=None)


def config_for_language(language_code):
    stemmer = STEMMERS.get((language_code or "").split("-")[0].lower())
    return f"{PREFIX}{stemmer}" if stemmer else SIMPLE


def all_configs():
    return [SIMPLE, *sorted({f"{PREFIX}{stemmer}" for stemmer in STEMMERS.values()})]


@contextmanager
def searching_in(language_code):
    """Searches inside this block look for pages of one language, with its stemmer. Outside
    it (the admin searches every language at once) a word matches in any language."""
    token = _language.set(language_code)
    try:
        yield
    finally:
        _language.reset(token)


def current_search_language():
    return _language.get()


def create_configurations_sql():
    statements = [
        "CREATE EXTENSION IF NOT EXISTS unaccent",
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        # modelsearch's fuzzy matching calls this immutable wrapper (its enable_unaccent command).
        "CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS "
        "$func$ SELECT public.unaccent('public.unaccent', $1) $func$",
        f"CREATE TEXT SEARCH CONFIGURATION {SIMPLE} (COPY = pg_catalog.simple)",
        f"ALTER TEXT SEARCH CONFIGURATION {SIMPLE} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
    ]
    # The search filters on `title || body` (modelsearch joins both vectors): without an index
    # on that expression PostgreSQL scans every entry and, lacking statistics for it, picks
    # nested loops that take seconds for two words on 10,000 pages (make bench).
    statements.append(
        f"CREATE INDEX {TITLE_AND_BODY_INDEX} ON wagtailsearch_indexentry "
        "USING gin ((title || body))"
    )
    for stemmer in sorted(set(STEMMERS.values())):
        name = f"{PREFIX}{stemmer}"
        statements += [
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{stemmer})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stemmer}_stem",
        ]
    return statements


def drop_configurations_sql():
    return [
        f"DROP INDEX IF EXISTS {TITLE_AND_BODY_INDEX}",
        *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in all_configs()),
    ]
