"""Catalogue search: forgiving of word order, case and accents everywhere, and of small typos
on PostgreSQL, ranked by where the words are found.

Each innovation carries two generated columns the database keeps itself (no code path can
forget them): `search_title` (name, acronym and its expansion) and `search_text` (those plus
summary and description, both languages), lower case and, on PostgreSQL, without accents. A
search is cut into words, each lowered and stripped of accents here the same way; every word
must appear (in any order) in the innovation's text, its agency's name or its theme's name.
Rows are ranked by how many words their name or acronym holds, then in catalogue order.

On PostgreSQL the words of the innovations' texts are looked up in a subquery that runs once
per query (a trigram index, pg_trgm, migration 0010, serves `LIKE '%word%'` once the table is
large enough for the planner to prefer it), and when no innovation holds every word, a word
may instead be like a word (trigram word similarity: small typos) of the innovation's name or
acronym or of its agency's or theme's name: "kesehtan ibu" finds SAKINA, of the theme
"Kesehatan". (Similarity over whole descriptions would cost a scan of every row's text,
hundreds of milliseconds with 2,000 innovations: not done.) SQLite has no accent removal (its
`LIKE` still ignores ASCII case): the plain fallback of development and tests.
"""

import unicodedata

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, TextField

MAX_TERMS = 8
# Below pg_trgm's default word threshold (0.6), so one letter left out of a long word counts.
WORD_SIMILARITY = 0.5


def normalized(text: str) -> str:
    """`text` lowered, without accents: how the generated search columns hold it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def terms(text: str) -> list[str]:
    """The distinct words of a search, normalized, punctuation around them dropped."""
    found = []
    for word in normalized(text).split():
        word = word.strip("\"'“”‘’.,;:!?()[]{}")
        if word and word not in found:
            found.append(word)
    return found[:MAX_TERMS]


class Words(Func):
    """Text columns (never NULL) joined by spaces: a flat `a || ' ' || b`, which PostgreSQL
    takes as IMMUTABLE and SQLite parses (Concat nests a COALESCE per column, too deep for
    SQLite's parser in a generated column of nine)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()


class Unaccent(Func):
    """The text without accents on PostgreSQL (`innovations_unaccent`, an IMMUTABLE wrapper
    of the unaccent extension made by migration 0010, so generated columns may use it); the
    text as it is on other databases."""

    function = "innovations_unaccent"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _name(table: str, vendor: str) -> str:
    # Agency.search_name and Theme.search_name: generated, lowered and unaccented.
    return f"{table}.search_name"


def _holds(word: str, cols: dict, vendor: str, *, alike: bool) -> tuple[str, list]:
    """SQL: the innovation whose columns are `cols` (SQL of its id, agency_id, theme_id,
    search_title) holds `word` in its text, agency or theme name; with `alike`, or has a
    word like it in its name, agency or theme name. Subqueries on whole tables, so
    PostgreSQL answers each once (the innovations' from the trigram index) and checks every
    row against the result."""
    like = _like(word)
    sql = (
        f"({cols['id']} IN (SELECT i.id FROM innovations_innovation i"  # noqa: S608 - only Django's column SQL and constants; words are parameters
        f" WHERE i.search_text LIKE %s ESCAPE '\\')"
        f" OR {cols['agency_id']} IN (SELECT a.id FROM innovations_agency a"
        f" WHERE {_name('a', vendor)} LIKE %s ESCAPE '\\')"
        f" OR {cols['theme_id']} IN (SELECT t.id FROM innovations_theme t"
        f" WHERE {_name('t', vendor)} LIKE %s ESCAPE '\\')"
    )
    params = [like, like, like]
    if alike:
        # Similarity row by row over whole descriptions costs a scan of every text (hundreds
        # of milliseconds): only names, which are short. `word <% name` is word_similarity ≥
        # pg_trgm.word_similarity_threshold, which every connection sets to WORD_SIMILARITY
        # (festival/config/settings.py), and a trigram index on the names serves it
        # (migration 0012): 0.05 ms instead of 12 ms per word with 2,009 innovations.
        sql += (
            f" OR %s <%% {cols['search_title']}"  # noqa: S608 - `<%%`: pg_trgm's `<%`
            f" OR {cols['agency_id']} IN (SELECT a.id FROM innovations_agency a"
            f" WHERE %s <%% {_name('a', vendor)})"
            f" OR {cols['theme_id']} IN (SELECT t.id FROM innovations_theme t"
            f" WHERE %s <%% {_name('t', vendor)})"
        )
        params += [word, word, word]
    return sql + ")", params


_COLUMNS = ("id", "agency_id", "theme_id", "search_title")


class _OnRow(Func):
    """An expression over an innovation row's columns (compiled by Django, so any alias the
    query gives the table is right) for a list of search words: one node, cheap for the ORM
    to copy as a queryset is chained."""

    def __init__(self, words: list[str], **extra):
        super().__init__(*[F(column) for column in _COLUMNS], **extra)
        self.words = words

    def columns(self, compiler) -> tuple[dict, list]:
        cols, params = {}, []
        for name, expression in zip(_COLUMNS, self.get_source_expressions(), strict=True):
            sql, column_params = compiler.compile(expression)
            cols[name] = sql
            params += column_params
        if params:  # plain columns have none; nothing here may take any
            raise ValueError("search columns with parameters")
        return cols, params


class Matches(_OnRow):
    """Every word is held (`_holds`); on PostgreSQL, unless `exact`, when no innovation at all
    holds every word, every word is held or like a word of a name (asked once per query: the
    NOT EXISTS does not depend on the row). With `forgiving` (the caller knows no innovation
    holds every word), every word held or alike, without asking."""

    output_field = BooleanField()

    def __init__(self, words: list[str], *, exact: bool = False, forgiving: bool = False, **extra):
        super().__init__(words, **extra)
        self.exact, self.forgiving = exact, forgiving

    def as_sql(self, compiler, connection, **extra_context):
        vendor = connection.vendor
        cols, _ = self.columns(compiler)
        if vendor == "postgresql" and self.forgiving:
            alike, params = self._all(cols, vendor, alike=True)
            return f"({alike})", params
        strict, params = self._all(cols, vendor, alike=False)
        if vendor != "postgresql" or self.exact:
            return f"({strict})", params
        other = {"id": "s.id", "agency_id": "s.agency_id", "theme_id": "s.theme_id"}
        other["search_title"] = "s.search_title"
        none_sql, none_params = self._all(other, vendor, alike=False)
        alike, alike_params = self._all(cols, vendor, alike=True)
        sql = (
            f"({strict} OR (NOT EXISTS (SELECT 1 FROM innovations_innovation s"  # noqa: S608
            f" WHERE {none_sql}) AND {alike}))"
        )
        return sql, params + none_params + alike_params

    def _all(self, cols, vendor, *, alike):
        parts, params = [], []
        for word in self.words:
            sql, word_params = _holds(word, cols, vendor, alike=alike)
            parts.append(sql)
            params += word_params
        return " AND ".join(parts), params


class Rank(_OnRow):
    """How many of the words the name or acronym holds. (Also ranking rows that are only
    alike by their similarity would compute it for every row found: not worth it.)"""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        cols, _ = self.columns(compiler)
        title = cols["search_title"]
        sql = " + ".join(
            f"(CASE WHEN {title} LIKE %s ESCAPE '\\' THEN 1.0 ELSE 0.0 END)" for _ in self.words
        )
        return f"({sql})", [_like(word) for word in self.words]


def alike_names(words: list[str]) -> dict[str, tuple[set, set, set]]:
    """PostgreSQL: for each word, the published innovations, agencies and themes whose name
    has a word like it (the `alike` half of `_holds`), in one query that the trigram indexes
    serve: {word: (innovation ids, agency ids, theme ids)}. The catalogue's index
    (innovations/catalogue_index.py) adds them to the rows holding each word exactly."""
    parts, params = [], []
    for n, word in enumerate(words):
        parts += [
            f"SELECT {n}, 0, id FROM innovations_innovation"  # noqa: S608 - constants only
            " WHERE is_published AND %s <%% search_title",
            f"SELECT {n}, 1, id FROM innovations_agency WHERE %s <%% search_name",  # noqa: S608
            f"SELECT {n}, 2, id FROM innovations_theme WHERE %s <%% search_name",  # noqa: S608
        ]
        params += [word, word, word]
    found = {word: (set(), set(), set()) for word in words}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for n, kind, pk in cursor.fetchall():
            found[words[n]][kind].add(pk)
    return found
