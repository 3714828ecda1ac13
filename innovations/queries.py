"""Reads of the innovation showcase used by its pages and by the home page."""

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery

from festival.models import Edition
from festival.sitewide import pagecache
from innovations.models import Agency, Award, Exhibit, Innovation, ReplicationDocument, Theme


def catalogue(
    *,
    q: str = "",
    theme: str = "",
    award_level: str = "",
    agency: str = "",
    edition: Edition | None = None,
):
    """Published innovations matching every filter given (empty means any), featured
    first (with `q`, the best matches first: `Innovation.objects.search`), ready for cards. With
    `edition`, only those it showed, each with its booth there (`exhibit_booth`,
    `exhibit_booth_en`; empty when not set)."""
    innovations = Innovation.objects.published().search(q)
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
    return innovations.for_cards().in_catalogue_order()


CHOICES_KEY = "innovations:catalogue-choices"


def filter_choices(*, also: tuple[str, ...] = ()) -> tuple[dict, int, dict]:
    """The catalogue filters' choices (`themes`, `agencies`, `award_levels`, `editions`, as
    the functions below give them), kept in the shared cache under the page cache's
    generation: four queries once per change of content rather than on every page. Also
    fetches the kept values of the keys `also` in the same round trip: returns (choices,
    generation, {key: value} of those found), for `pagecache.keep`."""
    gen, found = pagecache.kept([CHOICES_KEY, *also])
    choices = found.pop(CHOICES_KEY, None)
    if choices is None:
        choices = {
            "themes": theme_choices(),
            "agencies": agency_choices(),
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
