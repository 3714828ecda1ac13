"""schema.org structured data (JSON-LD) for search engines: the festival and its timed items.

Dates carry the +07:00 offset of WIB. The festival's own start and end are dates unless the
programme gives times on its first or last day: an hour nobody announced is never written.
Items without a time are left out (an Event needs a start). Pages put these documents in
their HTML with festival.sitewide.jsonld.script.
"""

from django.utils.translation import get_language

from festival.models import Edition, ProgrammeItem
from festival.sitewide.i18n import localized


def _location(edition: Edition, place: str = "") -> dict:
    address = {
        "@type": "PostalAddress",
        "addressLocality": edition.venue_locality,
        "addressRegion": edition.venue_region,
        "addressCountry": "ID",
    }
    if edition.venue_address:
        address["streetAddress"] = edition.venue_address
    location = {
        "@type": "Place",
        "name": place or localized(edition, "venue_name"),
        "address": address,
    }
    if edition.latitude is not None and edition.longitude is not None:
        location["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(edition.latitude),
            "longitude": float(edition.longitude),
        }
    return location


def _organizer(edition: Edition) -> dict:
    return {"@type": "GovernmentOrganization", "name": localized(edition, "organiser")}


def festival_event(edition: Edition, items: list[ProgrammeItem], *, home_url: str) -> dict:
    """The festival as a schema.org Event."""
    first = [i for i in items if i.is_timed and i.date == edition.start_date]
    last = [i for i in items if i.is_timed and i.date == edition.end_date]
    start = min(i.starts_at for i in first).isoformat() if first else edition.start_date.isoformat()
    ends = [i.ends_at or i.starts_at for i in last]
    end = max(ends).isoformat() if ends else edition.end_date.isoformat()
    event = {
        "@type": "Event",
        "@id": f"{home_url}#festival",
        "name": localized(edition, "name"),
        "description": localized(edition, "tagline") or localized(edition, "about"),
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _location(edition),
        "organizer": _organizer(edition),
        "inLanguage": get_language() or "id",
        "url": home_url,
    }
    # Free entry is claimed only where organisers confirmed it; otherwise nothing is said
    # (False means "not stated", so isAccessibleForFree: false would claim a ticket price).
    if edition.free_entry:
        event["isAccessibleForFree"] = True
        event["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "IDR",
            "availability": "https://schema.org/InStock",
            "url": home_url,
        }
    return event


def item_event(item: ProgrammeItem, *, edition: Edition, base_url: str, home_url: str) -> dict:
    """A timed programme item as a schema.org Event within the festival."""
    event = {
        "@type": "Event",
        "name": localized(item, "title"),
        "startDate": item.starts_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _location(edition, localized(item, "place")),
        "organizer": _organizer(edition),
        "superEvent": {"@id": f"{home_url}#festival"},
        "url": base_url.rstrip("/") + item.get_absolute_url(),
    }
    if edition.free_entry:
        event["isAccessibleForFree"] = True
    if item.ends_at is not None:
        event["endDate"] = item.ends_at.isoformat()
    description = localized(item, "description")
    if description:
        event["description"] = description
    return event


def programme_graph(
    edition: Edition, items: list[ProgrammeItem], *, base_url: str, home_url: str
) -> dict:
    """The festival and each of its timed items, as one JSON-LD document."""
    graph = [festival_event(edition, items, home_url=home_url)]
    graph += [
        item_event(i, edition=edition, base_url=base_url, home_url=home_url)
        for i in items
        if i.is_timed
    ]
    return {"@context": "https://schema.org", "@graph": graph}
