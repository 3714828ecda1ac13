"""The festival's rules that change data. Views, admin actions and commands call these."""

import datetime

from django.db import transaction
from django.utils import timezone

from festival.models import Edition
from festival.sitewide import clock, retention


class ErasureRefused(Exception):
    """Personal data cannot be erased now; the message says why."""


class PersonalDataStillKept(ErasureRefused):
    """The retention period has not ended: nothing may be erased before `cutoff`."""

    def __init__(self, cutoff: datetime.datetime):
        self.cutoff = cutoff
        super().__init__(f"personal data is kept until {cutoff:%Y-%m-%d %H:%M %Z}")


def personal_data_cutoff(*, edition: Edition, days: int) -> datetime.datetime:
    """The moment from which personal data of `edition` may be erased: midnight (WIB) at
    the end of its last day, plus `days`. Refuses a negative number of days, which would
    erase people's data while the festival still needs it."""
    if days < 0:
        raise ErasureRefused("--days cannot be negative.")
    after_last_day = datetime.datetime.combine(
        edition.end_date + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_default_timezone(),
    )
    return after_last_day + datetime.timedelta(days=days)


def due_personal_data_cutoff(
    *, days: int, now: datetime.datetime | None = None
) -> datetime.datetime:
    """The cut-off of the current edition's personal data (see personal_data_cutoff), once
    it has passed at `now` (default: the festival clock). Raises PersonalDataStillKept
    before it, and ErasureRefused when no edition is published."""
    edition = Edition.objects.current()
    if edition is None:
        raise ErasureRefused("There is no published festival edition.")
    cutoff = personal_data_cutoff(edition=edition, days=days)
    if (now or clock.now()) < cutoff:
        raise PersonalDataStillKept(cutoff)
    return cutoff


@transaction.atomic
def erase_personal_data(*, days: int, now: datetime.datetime | None = None) -> dict[str, int]:
    """Run every registered eraser (festival.sitewide.retention) on the records created
    before the current edition's cut-off, all or none. Returns how many records each eraser
    blanked, by its label. Refuses, changing nothing, before the cut-off (see
    due_personal_data_cutoff)."""
    cutoff = due_personal_data_cutoff(days=days, now=now)
    return {label: eraser(cutoff) for label, eraser in sorted(retention.erasers().items())}
