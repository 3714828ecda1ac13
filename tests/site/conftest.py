import pytest
import time_machine

from tests.site.pages import public_pages


@pytest.fixture
def pages(festival_content):
    """One URL of each public page type, in the run-up of the shipped 2016 edition (registration and requests open)."""
    with time_machine.travel("2016-12-01 10:00+07:00", tick=False):
        yield public_pages()
