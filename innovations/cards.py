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


def _key(innovation: Innovation, heading: str) -> str:
    booth = (
        f"{getattr(innovation, 'exhibit_booth', '')}|{getattr(innovation, 'exhibit_booth_en', '')}"
    )
    raw = "|".join(
        (
            translation.get_language() or "",
            heading,
            str(innovation.pk),
            innovation.updated_at.isoformat() if innovation.updated_at else "",
            booth,
        )
    )
    return f"card:{hashlib.sha256(raw.encode()).hexdigest()}"


def rendered(innovations: list[Innovation], *, heading: str = "h2") -> list[str]:
    """The HTML of each innovation's card (templates/innovations/_card.html), in order: kept
    ones from one cache round trip, the others rendered (their awards and photos fetched in
    two queries for all of them) and kept. `innovations` come with agency and theme."""
    keys = [_key(innovation, heading) for innovation in innovations]
    gen, found = pagecache.kept(keys)
    missing = [i for i, key in zip(innovations, keys, strict=True) if key not in found]
    if missing:
        prefetch_related_objects(missing, *card_prefetches())
        fresh = {
            _key(innovation, heading): render_to_string(
                "innovations/_card.html", {"innovation": innovation, "heading": heading}
            )
            for innovation in missing
        }
        pagecache.keep(fresh, gen)
        found.update(fresh)
    return [found[key] for key in keys]
