import datetime

import pytest
from django.utils import translation

from festival.sitewide.templatetags.sitewide import date_range

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2026, 12, 14), D(2026, 12, 16), "14–16 Desember 2026"),
        (D(2027, 11, 29), D(2027, 12, 1), "29 November – 1 Desember 2027"),
        (D(2027, 12, 30), D(2028, 1, 2), "30 Desember 2027 – 2 Januari 2028"),
        (D(2027, 12, 14), D(2027, 12, 14), "14 Desember 2027"),
        (D(2027, 12, 14), None, "14 Desember 2027"),
        (None, None, ""),
    ],
)
def test_date_range_writes_each_part_once(start, end, text):
    assert date_range(start, end) == text


def test_date_range_follows_the_page_language():
    with translation.override("en"):
        assert date_range(D(2027, 11, 29), D(2027, 12, 1)) == "29 November – 1 December 2027"
