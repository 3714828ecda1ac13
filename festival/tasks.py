"""The festival's background work: erasing personal data after the festival."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from festival.models import Edition
from festival.queries import current_edition
from festival.sitewide import clock, retention

logger = logging.getLogger(__name__)


def personal_data_cutoff(*, edition: Edition, days: int) -> datetime.datetime:
    """Midnight (WIB) `days` days after the edition's last day: personal data of records made
    before this moment is erased from then on."""
    last_day_end = datetime.datetime.combine(
        edition.end_date + datetime.timedelta(days=1),
        datetime.time.min,
        tzinfo=timezone.get_default_timezone(),
    )
    return last_day_end + datetime.timedelta(days=days)


@task()
def erase_personal_data(*, days: int) -> dict[str, int]:
    """Erase the personal data every app keeps (festival.sitewide.retention) in records made
    before the cut-off, once `days` days after the current edition's last day have passed;
    before that, or without a published edition, erase nothing.

    Decides when it runs, not when it was enqueued. All erasers commit together or not at all;
    running it again erases nothing more (erased records are skipped). Returns how many
    records each eraser erased.
    """
    edition = current_edition()
    if edition is None:
        logger.warning("Nothing erased: there is no published festival edition")
        return {}
    cutoff = personal_data_cutoff(edition=edition, days=days)
    if clock.now() < cutoff:
        logger.info("Nothing erased: personal data is kept until %s", cutoff.isoformat())
        return {}
    with transaction.atomic():
        erased = {label: eraser(cutoff) for label, eraser in sorted(retention.erasers().items())}
    logger.info("Erased personal data made before %s: %s", cutoff.isoformat(), erased)
    return erased
