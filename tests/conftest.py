"""Fixtures shared by every test module: a clean start, the shipped content, a test edition,
and the staff accounts (each logged in on pytest-django's `client`). The superuser is
pytest-django's own `admin_user` / `admin_client`."""

import pytest
from django.core.cache import cache
from django.utils import translation

from festival.content import load_content
from festival.sitewide import pagecache
from festival.sitewide.groups import DESK_STAFF, ORGANISERS
from tests.festival.factories import EditionFactory, StaffFactory


@pytest.fixture(autouse=True)
def _clean_cache_and_language():
    """Each test starts with an empty cache (page cache, rate limits, and what this worker
    holds in memory under the page cache's generation) and Indonesian."""
    cache.clear()
    pagecache.forget_local()
    translation.activate("id")
    yield
    cache.clear()
    pagecache.forget_local()
    translation.deactivate()


@pytest.fixture
def festival_content(db):
    """The festival's shipped content (fixtures/), as `make run` loads it."""
    return load_content()


@pytest.fixture
def edition(db):
    """A festival edition on 14–16 December 2026, without a programme."""
    return EditionFactory()


@pytest.fixture
def organiser(db, client):
    """A staff account whose only rights come from the organisers' group, logged in on
    `client`. Ask for it after any fixture that freezes the clock, so the session is young."""
    user = StaffFactory(username="panitia", group=ORGANISERS)
    client.force_login(user)
    return user


@pytest.fixture
def organiser_client(organiser, client):
    """`client`, logged in as the organiser."""
    return client


@pytest.fixture
def desk_staff(db, client):
    """A staff account whose only rights come from the service desk's group, logged in on
    `client`."""
    user = StaffFactory(username="petugas", group=DESK_STAFF)
    client.force_login(user)
    return user


@pytest.fixture
def desk_client(desk_staff, client):
    """`client`, logged in as the desk staff member."""
    return client
