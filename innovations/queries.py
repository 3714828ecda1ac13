"""Reads of the innovation showcase used by its pages and by the home page."""

import hashlib
import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    Window,
)

from festival.models import Edition
from festival.sitewide import pagecache
from innovations import catalogue_index, search
from innovations.models import Agency, Award, Exhibit, Innovation, ReplicationDocument, Theme


def catalogue(
    *,
    q: str = "",
    theme: str = "",
    award_level: str = "",
    agency: str = "",
    edition: Edition | None = None,
    exact_search: bool = False,
    forgiving_search: bool = False,
    for_cards: bool = True,
):
    """Published innovations matching every filter given (empty means any), featured
    first (with `q`, the best matches first: `Innovation.objects.search`, its typo
    forgiveness left out with `exact_search`), ready for cards. With
    `edition`, only those it showed, each with its booth there (`exhibit_booth`,
    `exhibit_booth_en`; empty when not set). Without `for_cards`, nothing else is fetched
    with them (for a query of a few columns)."""
    innovations = Innovation.objects.published().search(
        q, exact=exact_search, forgiving=forgiving_search
    )
    if theme:
        innovations = innovations.filter(theme__slug=theme)
    if agency:
        innovations = innovations.filter(agency__slug=agency)
    if award_level:
        innovations = innovations.with_award_level(award_level)
    if edition is not None:
        exhibit = Exhibit.objects.filter(edition=edition, innovation=OuterRef("pk"))
        innovations = innovations.filter(Exists(exhibit)).annotate(
            exhibit_booth=Subquery(exhibit.values("booth")[:1]),
            exhibit_booth_en=Subquery(exhibit.values("booth_en")[:1]),
        )
    if for_cards:
        innovations = innovations.for_cards()
    return innovations.in_catalogue_order()


CARD_COLUMNS = ("pk", "updated_at", "exhibit_booth", "exhibit_booth_en")


@dataclass(frozen=True)
class CataloguePage:
    """One page of the catalogue: its number (1 or more), the number of innovations that
    match and, for each innovation on the page, what its kept card depends on (`CARD_COLUMNS`
    as a dict: `cards.rendered_rows` fetches the rest only for cards not kept)."""

    number: int
    count: int
    per_page: int
    rows: list[dict]

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))


def catalogue_page(
    filters: dict, number, *, per_page: int, generation: int | None = None
) -> CataloguePage:
    """Page `number` of `catalogue(**filters)`: for each innovation on it, what its kept card
    depends on, and the number of all that match. With the content `generation`, from the
    worker's index of the catalogue (innovations/catalogue_index.py: no query once it is
    loaded); otherwise, or when there is no index, in one query. A search that no
    innovation matches exactly asks PostgreSQL which names are like its words (small
    typos): one more query. A number that is not a number is page 1, one past either end
    is the nearest end (as Django's `Paginator.get_page`)."""
    index = catalogue_index.current(generation) if generation is not None else None
    if index is not None:
        words = search.terms(filters.get("q", ""))
        edition = filters.get("edition")
        narrowed = {
            "theme": filters.get("theme", ""),
            "award_level": filters.get("award_level", ""),
            "agency": filters.get("agency", ""),
            "edition": edition,
        }
        found = catalogue_index.select(index, words=words, **narrowed)
        if not found and words and connection.vendor == "postgresql":
            # Nothing holds every word: the names like each word (small typos).
            alike = _alike_names(words, generation)
            found = catalogue_index.select(index, words=words, alike=alike, **narrowed)
        number = _page_number(number, len(found), per_page)
        rows = found[(number - 1) * per_page : number * per_page]
        return CataloguePage(
            number,
            len(found),
            per_page,
            [catalogue_index.card_row(row, edition) for row in rows],
        )
    if filters.get("q") and connection.vendor == "postgresql":
        exact = catalogue(**filters, exact_search=True, for_cards=False)
        page = _page(exact, number, per_page)
        if page.count:
            return page
        forgiving = catalogue(**filters, forgiving_search=True, for_cards=False)
        return _page(forgiving, number, per_page)
    return _page(catalogue(**filters, for_cards=False), number, per_page)


def _alike_names(words: list[str], generation: int) -> dict:
    """`search.alike_names(words)`, each word's answer kept under the content generation (a
    name changes only with a save): PostgreSQL computes the similarity of every name, some
    7 ms for 2,009 innovations, once per word and generation rather than on every page."""
    keys = {word: "alike:v1:" + hashlib.sha256(word.encode()).hexdigest() for word in words}
    _, kept = pagecache.kept(list(keys.values()), gen=generation)
    alike = {word: kept[key] for word, key in keys.items() if key in kept}
    missing = [word for word in words if word not in alike]
    if missing:
        fresh = search.alike_names(missing)
        # An hour at most: any word typed is kept, so the shared cache must not fill with them.
        pagecache.keep({keys[word]: fresh[word] for word in missing}, generation, 3600)
        alike.update(fresh)
    return alike


def _page_number(number, count: int, per_page: int) -> int:
    """As Paginator.get_page: not a number is 1; below 1 or past the end is the last page."""
    last = max(1, math.ceil(count / per_page))
    try:
        number = int(number)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= last else last


class _CountOf(Subquery):
    """The number of rows of a query, as a scalar subquery PostgreSQL answers once."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def _page(innovations, number, per_page: int) -> CataloguePage:
    if "exhibit_booth" not in innovations.query.annotations:
        innovations = innovations.annotate(exhibit_booth=Value(""), exhibit_booth_en=Value(""))
    if "search_rank" in innovations.query.annotations:
        # A search sorts every match anyway: count them on the way (a window).
        total = Window(Count("*"))
    else:
        # Otherwise the page is the first rows of an index, and the count an index-only scan.
        total = _CountOf(innovations.order_by().values("pk"))
    rows = innovations.annotate(total=total).values(*CARD_COLUMNS, "total")
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    if number >= 1:
        page = list(rows[(number - 1) * per_page : number * per_page])
        if page or number == 1:
            return CataloguePage(number, page[0]["total"] if page else 0, per_page, page)
    # Before the first page or past the last: the nearest end, as `_page_number` says.
    count = innovations.count()
    number = _page_number(number, count, per_page)
    page = list(rows[(number - 1) * per_page : number * per_page]) if count else []
    return CataloguePage(number, count, per_page, page)


# The version changes with the shape of what is kept, so a deploy never reads the old one.
CHOICES_KEY = "innovations:catalogue-choices:v2"


def filter_choices(*, also: tuple[str, ...] = ()) -> tuple[dict, int, dict]:
    """The catalogue filters' choices (`themes` and `agencies` as (slug, name) pairs,
    `award_levels` and `editions` as the functions below give them), kept in the shared cache under the page cache's
    generation: four queries once per change of content rather than on every page. Also
    fetches the kept values of the keys `also` in the same round trip: returns (choices,
    generation, {key: value} of those found), for `pagecache.keep`."""
    gen, found = pagecache.kept([CHOICES_KEY, *also])
    choices = found.pop(CHOICES_KEY, None)
    if choices is None:
        # Plain (slug, name) pairs rather than model instances: cheaper to load on every page.
        choices = {
            "themes": [(theme.slug, str(theme)) for theme in theme_choices()],
            "agencies": [(agency.slug, str(agency)) for agency in agency_choices()],
            "award_levels": award_level_choices(),
            "editions": edition_choices(),
        }
        pagecache.keep({CHOICES_KEY: choices}, gen)
    return choices, gen, found


def edition_choices() -> list[Edition]:
    """The published editions, the latest first: the catalogue's edition filter."""
    return list(Edition.objects.published().order_by("-start_date"))


def _published_innovations_of(field: str):
    return Exists(Innovation.objects.published().filter(**{field: OuterRef("pk")}))


def theme_choices() -> list[Theme]:
    """Themes that have at least one published innovation."""
    return list(Theme.objects.filter(_published_innovations_of("theme")))


def agency_choices() -> list[Agency]:
    """Agencies that have at least one published innovation."""
    return list(Agency.objects.filter(_published_innovations_of("agency")))


def award_level_choices() -> list[tuple[str, str]]:
    """(slug, label) of every award level held by a published innovation, e.g.
    ("top-99", "TOP 99"), in the order of the slugs, one per slug."""
    rows = (
        Award.objects.filter(
            Exists(
                Innovation.awards.through.objects.filter(
                    award=OuterRef("pk"), innovation__is_published=True
                )
            )
        )
        .order_by("level_slug", "level")
        .values_list("level_slug", "level")
    )
    levels: dict[str, str] = {}
    for slug, label in rows:
        levels.setdefault(slug, label)
    return list(levels.items())


def innovation_page(slug: str) -> Innovation:
    """The published innovation with everything its page shows, or Innovation.DoesNotExist.
    `shown_at` lists its exhibits at published editions, the latest edition first, each with
    its booth on the plan when it has one; `replication_documents` its documents for
    replication, in the organisers' order."""
    return (
        Innovation.objects.published()
        .select_related("agency__kecamatan", "theme")
        .for_cards()
        .prefetch_related(
            Prefetch(
                "exhibits",
                queryset=Exhibit.objects.filter(edition__is_published=True)
                .select_related("edition", "booth_place__plan__edition")
                .order_by("-edition__start_date"),
                to_attr="shown_at",
            ),
            Prefetch(
                "documents",
                queryset=ReplicationDocument.objects.order_by("order", "pk"),
                to_attr="replication_documents",
            ),
        )
        .get(slug=slug)
    )


def exhibits_of(edition: Edition) -> list[Exhibit]:
    """The published innovations `edition` showed, as exhibits in the organisers' order,
    each with its innovation and agency (one query)."""
    return list(
        Exhibit.objects.filter(edition=edition, innovation__is_published=True)
        .select_related("innovation__agency")
        .in_order()
    )


def related_innovations(innovation: Innovation, *, limit: int = 3) -> list[Innovation]:
    """Other published innovations of the same theme or agency, same theme first."""
    return list(
        Innovation.objects.published()
        .filter(Q(theme_id=innovation.theme_id) | Q(agency_id=innovation.agency_id))
        .exclude(pk=innovation.pk)
        .for_cards()
        .in_catalogue_order()[:limit]
    )


def featured_innovations(*, limit: int = 3, edition: Edition | None = None) -> list[Innovation]:
    """Featured published innovations for the home page, ready for cards (3 queries). When
    `edition` (the current one) shows published innovations, only the featured ones among
    them: the home page then highlights what this festival shows."""
    featured = Innovation.objects.published().filter(is_featured=True)
    if edition is not None:
        shown = Exhibit.objects.filter(edition=edition, innovation__is_published=True)
        # One query: shown at the edition, or the edition shows nothing at all.
        featured = featured.filter(Exists(shown.filter(innovation=OuterRef("pk"))) | ~Exists(shown))
    return list(featured.for_cards().order_by("name")[:limit])


def exhibits_by_booth(edition: Edition) -> dict[int, list[Exhibit]]:
    """The published innovations `edition` shows at a booth of its plan, by booth id, in the
    organisers' order (one query): what the map says is at each booth."""
    by_booth: dict[int, list[Exhibit]] = {}
    for exhibit in (
        Exhibit.objects.filter(
            edition=edition, innovation__is_published=True, booth_place__isnull=False
        )
        .select_related("innovation__agency")
        .in_order()
    ):
        by_booth.setdefault(exhibit.booth_place_id, []).append(exhibit)
    return by_booth


def short_link_target(pk: int) -> Innovation | None:
    """The published innovation of a short link (/i/<id>/), else None. The id never changes
    when organisers correct a name and its slug, so a link shared once keeps working."""
    return Innovation.objects.published().filter(pk=pk).only("slug").first()
