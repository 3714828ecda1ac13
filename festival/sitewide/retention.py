"""Erasing personal data after the festival.

Apps that hold personal data (workshop registrations, service requests) register an eraser
in their AppConfig.ready(); the `erase_personal_data` command runs them all. An eraser takes
the cut-off moment and returns how many records it erased, keeping the rows (and so the
counts per status) but blanking what identifies a person.
"""

import datetime
from collections.abc import Callable

Eraser = Callable[[datetime.datetime], int]

_erasers: dict[str, Eraser] = {}


def register(label: str, eraser: Eraser) -> None:
    _erasers[label] = eraser


def unregister(label: str) -> None:
    _erasers.pop(label, None)


def erasers() -> dict[str, Eraser]:
    return dict(_erasers)
