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


def request_for_tracking(code: str, phone_last4: str) -> ServiceRequest | None:
    """The request with this code whose phone ends in these four digits, else None.

    Both a wrong code and a wrong number give None, so the page cannot tell which was
    wrong. Erased requests have no phone and are never found.
    """
    found = ServiceRequest.objects.with_history().filter(code=code, erased_at__isnull=True).first()
    phone_end = found.phone[-4:] if found is not None else "0000"
    if found is None or not secrets.compare_digest(phone_end.encode(), phone_last4.encode()):
        return None
    return found
