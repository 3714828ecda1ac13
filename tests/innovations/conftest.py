import datetime
from dataclasses import dataclass

import pytest
import time_machine

from festival.models import Edition
from tests.festival.factories import EditionFactory


@dataclass
class Editions:
    past: Edition
    current: Edition


@pytest.fixture
def editions(db):
    """A 2016 edition that is over and a 2027 one ahead, the current one: the clock stands
    at 1 June 2027, 08:00 WIB."""
    with time_machine.travel("2027-06-01 08:00+07:00", tick=False):
        yield Editions(
            past=EditionFactory(
                slug="festival-2016",
                start_date=datetime.date(2016, 12, 14),
                end_date=datetime.date(2016, 12, 16),
            ),
            current=EditionFactory(
                slug="festival-2027",
                start_date=datetime.date(2027, 10, 5),
                end_date=datetime.date(2027, 10, 8),
            ),
        )
