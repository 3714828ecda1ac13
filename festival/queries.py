"""Reads of the festival app that views in every app use: which edition a page is about."""

from django.core.cache import cache
from django.http import Http404
from django.urls import reverse

from festival.models import Edition

_EDITION_KEY = "festival:current-edition"


def current_edition() -> Edition | None:
    """The edition the site is about (Edition.objects.current). Cached briefly: every page's
    header and footer use it, and it changes only when an edition is edited or a day passes."""
    edition = cache.get(_EDITION_KEY)
    if edition is None:
        edition = Edition.objects.current()
        if edition is not None:
            cache.set(_EDITION_KEY, edition, 60)
    return edition


_YEARS_KEY = "festival:edition-years"


def published_years() -> list[int]:
    """The years of every published edition, the latest first, for the footer's archive
    links. Cached like the current edition, and forgotten with it."""
    years = cache.get(_YEARS_KEY)
    if years is None:
        years = list(Edition.objects.published().order_by("-year").values_list("year", flat=True))
        cache.set(_YEARS_KEY, years, 60)
    return years


def forget_current_edition() -> None:
    cache.delete_many([_EDITION_KEY, _YEARS_KEY])


def can_preview(user) -> bool:
    """Staff who may edit editions see drafts at /<year>/ before they are published."""
    return bool(user and user.is_staff and user.has_perm("festival.change_edition"))


def edition_of_page(request, year: int | None, *, missing_ok: bool = False) -> Edition | None:
    """The edition a page is about: the one of `year` (/<year>/…), else the current one.
    A draft is shown only to staff who may preview it; anything else missing is a 404
    (or None for a current-edition page that can say "not yet announced": `missing_ok`)."""
    if year is None:
        edition = current_edition()
        if edition is None and not missing_ok:
            raise Http404("No festival edition is published")
        return edition
    edition = Edition.objects.filter(year=year).first()
    if edition is None or not (edition.is_published or can_preview(request.user)):
        raise Http404("No such edition")
    return edition


def is_current(edition: Edition) -> bool:
    current = current_edition()
    return current is not None and current.pk == edition.pk


def accepts_forms(edition: Edition) -> bool:
    """Whether a page of `edition` may offer a form (registration, a service request): only
    the current edition's, and only until it is over. Past and draft editions are read-only."""
    return edition.is_published and is_current(edition) and not edition.phase().is_after


def year_of_pages(edition: Edition) -> int | None:
    """The year that prefixes the URLs of `edition`'s pages: None for the current edition
    (/jadwal/), its year for any other (/2016/jadwal/). For a page reached by an address
    without a year (a ticket) that belongs to an edition all the same."""
    return None if is_current(edition) else edition.year


def edition_url(name: str, edition: Edition | None, **kwargs) -> str:
    """The URL `name` of `edition`'s page: the plain path (/jadwal/) for the current edition,
    the archive path (/2016/jadwal/) for any other."""
    year = year_of_pages(edition) if edition is not None else None
    if year is not None:
        kwargs["year"] = year
    return reverse(name, kwargs=kwargs)


def page_context(request, edition: Edition, year: int | None) -> dict:
    """What every edition page's template needs: the edition (overriding the current one in
    header and footer), the year that prefixes its links (`{% edition_url %}`), and whether it
    is a preview or read-only."""
    current = is_current(edition)
    over = edition.phase().is_after
    return {
        "edition": edition,
        "edition_year": year,
        "edition_is_preview": not edition.is_published,
        "edition_is_current": current,
        "edition_is_over": over,
        # accepts_forms, from what is known already.
        "edition_accepts_forms": edition.is_published and current and not over,
    }


def booth_plan_of(edition: Edition):
    """The plan of `edition` with its booths in number order (two queries), or None."""
    from festival.models import Booth, BoothPlan

    plan = BoothPlan.objects.filter(edition=edition).select_related("edition").first()
    if plan is not None:
        plan.booth_list = list(Booth.objects.filter(plan=plan).order_by("number"))
        for booth in plan.booth_list:
            booth.plan = plan  # no query per booth for its URL
    return plan


def programme_items_by_booth(edition: Edition) -> dict[int, list]:
    """The published programme items of `edition` held at a booth, by booth id (one query)."""
    from festival.models import ProgrammeItem

    items: dict[int, list] = {}
    for item in (
        ProgrammeItem.objects.of_edition(edition)
        .filter(booth__isnull=False)
        .select_related("edition")
    ):
        items.setdefault(item.booth_id, []).append(item)
    return items


def has_booth_plan(edition: Edition) -> bool:
    from festival.models import BoothPlan

    return BoothPlan.objects.filter(edition=edition).exists()
