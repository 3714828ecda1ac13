from dataclasses import dataclass

import pytest
import time_machine

from festival.models import Edition
from tests.festival.factories import edition_2016, edition_2027


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
            past=edition_2016(),
            current=edition_2027(),
        )
