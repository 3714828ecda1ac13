"""The festival's background work: erasing personal data after the festival."""

import logging

from django_tasks import task

from festival import domain

logger = logging.getLogger(__name__)


@task()
def erase_personal_data(*, days: int) -> dict[str, int]:
    """Erase the personal data every app keeps (festival.domain.erase_personal_data) once
    `days` days after an edition's last day have passed (see domain.due_personal_data_cutoff);
    before that, or without a published edition, erase nothing and say why in the log.

    Decides when it runs, not when it was enqueued. All erasers commit together or not at all;
    running it again erases nothing more (erased records are skipped). Returns how many
    records each eraser erased.
    """
    try:
        erased = domain.erase_personal_data(days=days)
    except domain.ErasureRefused as refused:
        logger.info("Nothing erased: %s", refused)
        return {}
    logger.info("Erased personal data: %s", erased)
    return erased
