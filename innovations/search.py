"""Catalogue search: forgiving of word order, case and accents everywhere, and of small typos
on PostgreSQL, ranked by where the words are found.

Each innovation carries two generated columns the database keeps itself (no code path can
forget them): `search_title` (name, acronym and its expansion) and `search_text` (those plus
summary and description), lower case and, on PostgreSQL, without accents. A search is cut
into terms, each lowered and stripped of accents here the same way; every term must appear
(in any order) in the innovation's text, its agency's name or its theme's name. On
PostgreSQL a trigram index (pg_trgm, migration 0007) answers the `LIKE '%term%'` without
reading every row, and when no innovation has every term, a term may instead be like (trigram
word similarity, small typos) a word of the innovation's name or acronym, of its agency's or
its theme's name: "kesehtan ibu" finds SAKINA, of the theme "Kesehatan". (Similarity over
whole descriptions costs a scan of every row's text, hundreds of milliseconds: not done.) SQLite has no accent removal in the
column (its `LIKE` still ignores ASCII case): the plain fallback of development and tests.
"""

import unicodedata

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Func, TextField, Value
from django.db.models.lookups import GreaterThanOrEqual

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
    of the unaccent extension made by migration 0007, so generated columns may use it); the
    text as it is on other databases."""

    function = "innovations_unaccent"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])


def word_like(word: str, column: str):
    """Some word of `column` is like `word` (pg_trgm's word similarity at least
    WORD_SIMILARITY: "kesehtan" is 0.58 like "kesehatan"), computed row by row: for short texts
    (names). PostgreSQL only."""
    return GreaterThanOrEqual(TrigramWordSimilarity(Value(word), column), WORD_SIMILARITY)
