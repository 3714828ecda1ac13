"""The one place the site asks what time it is.

Everything that depends on "now" (before, during or after the festival; registration open
or closed; what is on now and next) calls these functions, so tests freeze time with
time-machine and a rehearsal can set FESTIVAL_NOW.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def rehearsal_moment() -> datetime.datetime | None:
    """The moment FESTIVAL_NOW sets for a rehearsal, aware; None when the clock is real."""
    frozen = getattr(settings, "FESTIVAL_NOW", "")
    moment = parse_datetime(frozen) if frozen else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def now() -> datetime.datetime:
    """The current moment, aware, in UTC (or FESTIVAL_NOW when set)."""
    return rehearsal_moment() or timezone.now()


def localnow() -> datetime.datetime:
    """The current moment in Banyuwangi's time (WIB, Asia/Jakarta)."""
    return timezone.localtime(now())


def today() -> datetime.date:
    """Today's date in Banyuwangi."""
    return localnow().date()
