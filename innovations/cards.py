"""Catalogue cards rendered once and kept in the shared cache until something on them changes.

Rendering twelve cards was most of an uncached catalogue page's time. A card shows only its
innovation, agency, theme, awards, first photo and (with an edition) booth, all of them models
whose save bumps the page cache's generation (their PAGE_CACHE_SCOPE is every page), so a card
kept under the current generation is exactly what rendering it again would give. The key also
holds the language, the innovation's `updated_at` and the booth.
"""

import hashlib

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import translation

from festival.sitewide import pagecache
from innovations.models import Innovation, card_prefetches


def _key(pk, updated_at, booth: str, booth_en: str, heading: str) -> str:
    raw = "|".join(
        (
            translation.get_language() or "",
            heading,
            str(pk),
            updated_at.isoformat() if updated_at else "",
            f"{booth or ''}|{booth_en or ''}",
        )
    )
    return f"card:v2:{hashlib.sha256(raw.encode()).hexdigest()}"


def _key_of(innovation: Innovation, heading: str) -> str:
    return _key(
        innovation.pk,
        innovation.updated_at,
        getattr(innovation, "exhibit_booth", ""),
        getattr(innovation, "exhibit_booth_en", ""),
        heading,
    )


def _render(innovations: list[Innovation], heading: str) -> dict[str, str]:
    prefetch_related_objects(innovations, *card_prefetches())
    return {
        _key_of(innovation, heading): render_to_string(
            "innovations/_card.html", {"innovation": innovation, "heading": heading}
        )
        for innovation in innovations
    }


def rendered_rows(rows: list[dict], *, heading: str = "h2", gen: int | None = None) -> list[str]:
    """The cards of `rows` (`queries.CARD_COLUMNS`, as `queries.catalogue_page` gives them),
    in order: kept ones from this worker's memory or one cache round trip (none when the
    page's generation `gen` is given and the worker holds them all); for the others, the
    innovations fetched with what their cards show (three queries for all of them), rendered
    and kept."""
    keys = [
        _key(row["pk"], row["updated_at"], row["exhibit_booth"], row["exhibit_booth_en"], heading)
        for row in rows
    ]
    gen, found = pagecache.kept(keys, gen=gen)
    missing = {row["pk"]: row for row, key in zip(rows, keys, strict=True) if key not in found}
    if missing:
        innovations = list(
            Innovation.objects.filter(pk__in=missing).select_related("agency", "theme")
        )
        for innovation in innovations:
            # The row's own values, so the card is kept under the key it was asked for.
            innovation.updated_at = missing[innovation.pk]["updated_at"]
            innovation.exhibit_booth = missing[innovation.pk]["exhibit_booth"]
            innovation.exhibit_booth_en = missing[innovation.pk]["exhibit_booth_en"]
        fresh = _render(innovations, heading)
        pagecache.keep(fresh, gen)
        found.update(fresh)
    # (An innovation deleted between the two queries has no card: it is left out.)
    return [found[key] for key in keys if key in found]
