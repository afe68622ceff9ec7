"""SQLite's FTS5 fallback (no stemming), ranking a match in the title above one in the text."""

from modelsearch.backends.database.sqlite.query import BM25, SQLiteFTSIndexEntry
from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler

# bm25() weights per column of the FTS table, in its order: autocomplete, body, title.
COLUMN_WEIGHTS = "0.0, 1.0, 10.0"


class TitleFirstBM25(BM25):
    def as_sql(self, compiler, connection, function=None, template=None):
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {COLUMN_WEIGHTS})", []


class TitleFirstSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return TitleFirstBM25()
