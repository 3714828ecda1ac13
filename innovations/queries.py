"""Reads of the innovation showcase used by its pages and by the home page."""

from django.db.models import Exists, OuterRef, Q

from innovations.models import Agency, Award, Innovation, Theme


def catalogue(*, q: str = "", theme: str = "", award_level: str = "", agency: str = ""):
    """Published innovations matching every filter given (empty means any), featured
    first, ready for cards."""
    innovations = Innovation.objects.published().search(q)
    if theme:
        innovations = innovations.filter(theme__slug=theme)
    if agency:
        innovations = innovations.filter(agency__slug=agency)
    if award_level:
        innovations = innovations.with_award_level(award_level)
    return innovations.for_cards().in_catalogue_order()


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
    """The published innovation with everything its page shows, or Innovation.DoesNotExist."""
    return (
        Innovation.objects.published()
        .select_related("agency__kecamatan", "theme")
        .for_cards()
        .get(slug=slug)
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


def featured_innovations(*, limit: int = 3) -> list[Innovation]:
    """Featured published innovations for the home page, ready for cards (3 queries)."""
    return list(
        Innovation.objects.published().filter(is_featured=True).for_cards().order_by("name")[:limit]
    )
