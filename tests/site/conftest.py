import pytest
import time_machine

from tests.site.pages import public_pages


@pytest.fixture
def pages(festival_content):
    """One URL of each public page type, with the registration window open."""
    with time_machine.travel("2026-12-01 10:00+07:00", tick=False):
        yield public_pages()
