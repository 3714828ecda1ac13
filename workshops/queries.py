"""Reads of the workshops app that count registrations (the admin's workshop page)."""

from django.db.models import Count, Q

from workshops.models import Registration, Workshop


def status_counts(workshop: Workshop) -> dict[str, int]:
    """Registrations per status, every status present (one query)."""
    counts = dict(workshop.registrations.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in Registration.Status.values}


def kecamatan_counts(workshop: Workshop) -> list[dict]:
    """Active registrations per kecamatan, largest first (one query)."""
    return list(
        workshop.registrations.active()
        .values("kecamatan__name")
        .annotate(
            confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
            waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
            total=Count("pk"),
        )
        .order_by("-total", "kecamatan__name")
    )
