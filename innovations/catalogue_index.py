"""The catalogue's filters and exact search answered from each worker's memory.

Every search, filter and page number of the catalogue is an address of its own, which the page
cache rarely has. Asking the database for each of them cost more than everything else on the
page (with 2,009 innovations: about 1 ms of ORM work and 0.5–3 ms of PostgreSQL per page,
measured with bench/pages.py). The catalogue is small (a regency's innovations: hundreds, a
few thousand at most), so each worker holds what the filters and the search look at, a row of
a few hundred bytes per published innovation, and answers from memory:

- the rows in catalogue order (featured first, then name: the order PostgreSQL gives, with its
  collation, so the position is all the sorting needed);
- per row the theme and agency slugs, award levels, the editions that showed it with the
  booth there, and the search columns the database keeps (`Innovation.search_text`,
  `search_title`, `Agency.search_name`, `Theme.search_name`: lowered and, on PostgreSQL,
  unaccented by the database itself).

A search word must appear in the innovation's text, its agency's name or its theme's name, as
`innovations.search` asks the database (`LIKE '%word%'`), and rows are ranked by how many words
their name or acronym holds, then in catalogue order: the same rows in the same order
(tests/innovations/test_catalogue_index.py compares them on SQLite and PostgreSQL). What it
does not do, PostgreSQL still does: forgiving typos when no innovation holds every word
(`queries.catalogue_page` asks the database then).

The index is kept under the page cache's generation (`pagecache.local`): every save of an
innovation, agency, theme, award, exhibit or edition bumps it, after the commit too, and the
next page in each worker loads the index again (three queries). Above `MAX_ROWS` published
innovations the index is not made and the database answers every page.
"""

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from festival.sitewide import pagecache
from innovations.models import Exhibit, Innovation

KEY = "innovations:catalogue-index:v1"
MAX_ROWS = 20_000
# Between two rows' texts in the joined text: never in a search word (SearchField drops
# control characters; `select` refuses a word holding one).
_SEPARATOR = "\x00"


@dataclass(slots=True)
class Row:
    pk: int
    updated_at: object
    theme: str
    agency: str
    theme_id: int
    agency_id: int
    awards: set[str] = field(default_factory=set)
    # Edition id: (booth, booth_en).
    exhibits: dict[int, tuple[str, str]] = field(default_factory=dict)


class _Texts:
    """Texts joined in one string, so finding a word in all of them is one scan by
    `str.find` (in C) rather than a test per text."""

    def __init__(self, texts: list[str]):
        self.starts = []
        position = 0
        for text in texts:
            self.starts.append(position)
            position += len(text) + 1
        self.joined = _SEPARATOR.join(texts)

    def holding(self, word: str) -> set[int]:
        """The positions of the texts that hold `word`."""
        found, joined, starts = set(), self.joined, self.starts
        at = joined.find(word)
        while at != -1:
            row = bisect_right(starts, at) - 1
            found.add(row)
            # On to the next text: one hit per text is enough.
            if row + 1 >= len(starts):
                break
            at = joined.find(word, starts[row + 1])
        return found


class _Words:
    """Which rows' texts hold a word, found through their vocabulary: a search word holds no
    space, so it can only ever be found inside one space-delimited token of a text, and the
    distinct tokens of a catalogue are far fewer than its characters. A word's rows are the
    rows of every token holding it (one scan of the joined tokens)."""

    def __init__(self, texts: list[str]):
        postings: dict[str, list[int]] = {}
        for position, text in enumerate(texts):
            for token in set(text.split()):
                postings.setdefault(token, []).append(position)
        self.tokens = _Texts(list(postings))
        self.postings = list(postings.values())

    def holding(self, word: str) -> set[int]:
        """The positions of the rows whose text holds `word`."""
        found = set()
        for token in self.tokens.holding(word):
            found.update(self.postings[token])
        return found


class Index:
    """The published innovations in catalogue order, with what the filters and the search
    look at."""

    def __init__(self, rows: list[Row], texts: list[str], titles: list[str]):
        self.rows = rows
        self.texts = _Words(texts)
        self.titles = _Words(titles)


def load() -> Index | None:
    """The index of the published innovations (three queries), or None when there are more
    than MAX_ROWS."""
    values = (
        Innovation.objects.published()
        .in_catalogue_order()
        .values_list(
            "pk",
            "updated_at",
            "theme__slug",
            "agency__slug",
            "theme_id",
            "agency_id",
            "search_text",
            "search_title",
            "agency__search_name",
            "theme__search_name",
        )[: MAX_ROWS + 1]
    )
    rows, texts, titles = {}, [], []
    for pk, updated_at, theme, agency, theme_id, agency_id, *names in values:
        text, title, agency_name, theme_name = names
        rows[pk] = Row(pk, updated_at, theme, agency, theme_id, agency_id)
        # The innovation's text, its agency's name and its theme's name, as the database
        # search looks in all three.
        texts.append(f"{text}\n{agency_name}\n{theme_name}")
        titles.append(title)
    if len(rows) > MAX_ROWS:
        return None
    awards = Innovation.awards.through.objects.filter(innovation__is_published=True)
    # (An innovation published between these queries is in the next index, not this one.)
    for innovation_id, level in awards.values_list("innovation_id", "award__level_slug"):
        if innovation_id in rows:
            rows[innovation_id].awards.add(level)
    exhibits = Exhibit.objects.filter(innovation__is_published=True).values_list(
        "innovation_id", "edition_id", "booth", "booth_en"
    )
    for innovation_id, edition_id, booth, booth_en in exhibits:
        if innovation_id in rows:
            rows[innovation_id].exhibits[edition_id] = (booth, booth_en)
    return Index(list(rows.values()), texts, titles)


def current(generation: int) -> Index | None:
    """The index of the content generation `generation` (from this worker's memory, else
    loaded), or None when the catalogue is too large for one."""
    return pagecache.local(KEY, generation, load)


def select(
    index: Index,
    *,
    words: list[str],
    theme: str = "",
    award_level: str = "",
    agency: str = "",
    edition=None,
    alike: dict | None = None,
) -> list[Row]:
    """The rows matching every filter and holding every search word (`search.terms`), in
    the catalogue's order: with words, the rows holding more of them in their name first.
    With `alike` ({word: (innovation ids, agency ids, theme ids) whose names are like it},
    `search.alike_names`), a row may instead have its name, agency or theme like a word (as
    `Innovation.objects.search(forgiving=True)` asks the database)."""
    rows = index.rows
    if not (words or theme or agency or award_level or edition is not None):
        return rows
    # Positions in the catalogue order, ascending, until the end.
    if not words:
        positions = range(len(rows))
    else:
        if any(_SEPARATOR in word for word in words):
            return []
        held = None
        for word in words:
            holding = index.texts.holding(word)
            if alike is not None:
                innovations, agencies, themes = alike.get(word, ((), (), ()))
                holding |= {
                    position
                    for position, row in enumerate(rows)
                    if row.pk in innovations or row.agency_id in agencies or row.theme_id in themes
                }
            held = holding if held is None else held & holding
        positions = sorted(held)
    if theme:
        positions = [p for p in positions if rows[p].theme == theme]
    if agency:
        positions = [p for p in positions if rows[p].agency == agency]
    if award_level:
        positions = [p for p in positions if award_level in rows[p].awards]
    if edition is not None:
        positions = [p for p in positions if edition.pk in rows[p].exhibits]
    if words and positions:
        # The more words the name holds, the higher; the catalogue order within one rank.
        in_titles = Counter()
        for word in words:
            in_titles.update(index.titles.holding(word))
        ranks = [in_titles[p] for p in positions]
        if min(ranks) != max(ranks):
            positions = [
                p for _, p in sorted(zip([-rank for rank in ranks], positions, strict=True))
            ]
    return [rows[p] for p in positions]


def card_row(row: Row, edition=None) -> dict:
    """What a kept card depends on (`queries.CARD_COLUMNS`)."""
    booth, booth_en = row.exhibits.get(edition.pk, ("", "")) if edition is not None else ("", "")
    return {
        "pk": row.pk,
        "updated_at": row.updated_at,
        "exhibit_booth": booth,
        "exhibit_booth_en": booth_en,
    }
