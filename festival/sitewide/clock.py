"""The one place the site asks what time it is.

Everything that depends on "now" (before, during or after the festival; registration open
or closed; what is on now and next) calls these functions, so tests freeze time with
time-machine and a rehearsal can set FESTIVAL_NOW.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime


def now() -> datetime.datetime:
    """The current moment, aware, in UTC (or FESTIVAL_NOW when set)."""
    frozen = getattr(settings, "FESTIVAL_NOW", "")
    if frozen:
        moment = parse_datetime(frozen)
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return moment
    return timezone.now()


def localnow() -> datetime.datetime:
    """The current moment in Banyuwangi's time (WIB, Asia/Jakarta)."""
    return timezone.localtime(now())


def today() -> datetime.date:
    """Today's date in Banyuwangi."""
    return localnow().date()
