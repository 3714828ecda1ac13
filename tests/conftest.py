"""Fixtures shared by every test module."""

import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clean_cache_and_language():
    """Each test starts with an empty cache (page cache, rate limits) and Indonesian."""
    cache.clear()
    translation.activate("id")
    yield
    cache.clear()
    translation.deactivate()


@pytest.fixture
def festival_content(db):
    """The festival's shipped content (fixtures/), as `make run` loads it."""
    from festival.content import load_content

    return load_content()
