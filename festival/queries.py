"""Reads of the festival app that views in every app use."""

from django.core.cache import cache

from festival.models import Edition

_EDITION_KEY = "festival:current-edition"


def current_edition() -> Edition | None:
    """The edition the site is about. Cached briefly: every page's header and footer use it."""
    edition = cache.get(_EDITION_KEY)
    if edition is None:
        edition = Edition.objects.current()
        if edition is not None:
            cache.set(_EDITION_KEY, edition, 60)
    return edition


def forget_current_edition() -> None:
    cache.delete(_EDITION_KEY)
