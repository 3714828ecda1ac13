"""Reads of the workshops app used by several views and the admin."""

from django.db.models import Count, Q

from workshops.models import Registration, Workshop


def workshop_for_page(slug: str) -> Workshop:
    """A published workshop with its seat counts (one query)."""
    return Workshop.objects.published().for_pages().get(slug=slug)


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
