"""Reads of the services app that views, the admin and other pages use."""

import datetime
import secrets

from festival.queries import current_edition
from services.models import Service, ServiceRequest


def published_services():
    return Service.objects.published()


def service_page(slug: str) -> Service | None:
    return Service.objects.published().with_requirements().filter(slug=slug).first()


def request_days(service: Service, *, today: datetime.date) -> list[datetime.date]:
    """The festival days a resident can still choose when requesting `service` ahead.

    This is the one answer to "does this service accept requests now?": empty when the
    service takes no online requests (Service.takes_requests) or no festival day is left.
    """
    if not service.takes_requests:
        return []
    edition = current_edition()
    if edition is None:
        return []
    return [day for day in edition.days if day >= today]


def request_for_tracking(code: str, phone: str) -> ServiceRequest | None:
    """The request with this code and this (normalised, +628…) phone number, else None.

    Both a wrong code and a wrong number give None, so the page cannot tell which was
    wrong. Erased requests have no phone and are never found.
    """
    found = ServiceRequest.objects.with_history().filter(code=code, erased_at__isnull=True).first()
    stored = found.phone if found is not None else "+62"
    if found is None or not secrets.compare_digest(stored.encode(), phone.encode()):
        return None
    return found


def request_by_tracking_secret(secret: str) -> ServiceRequest | None:
    """The request of a private tracking link, else None (also once its data is erased)."""
    return (
        ServiceRequest.objects.with_history()
        .filter(tracking_secret=secret, erased_at__isnull=True)
        .first()
    )
