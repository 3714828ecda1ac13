import datetime
import json
import re
from decimal import Decimal

from django.utils.translation import gettext_lazy, override

from festival.sitewide import jsonld

SCRIPT = re.compile(r'^<script type="application/ld\+json">(.*)</script>$', re.S)


def payload(html: str) -> str:
    match = SCRIPT.match(str(html))
    assert match, html
    return match.group(1)


def test_script_wraps_the_data_in_one_json_ld_element():
    html = jsonld.script({"@type": "Event", "name": "Festival"})

    assert json.loads(payload(html)) == {"@type": "Event", "name": "Festival"}


def test_script_text_cannot_close_the_element_or_open_a_comment():
    hostile = "</script><script>alert(1)</script><!-- & -->"

    html = str(jsonld.script({"name": hostile}))

    assert html.count("</script>") == 1
    assert "<!--" not in html
    assert "&" not in payload(html)
    assert json.loads(payload(html)) == {"name": hostile}


def test_script_keeps_indonesian_text_readable():
    html = jsonld.script({"name": "Pelayanan Publik – Kabupaten Banyuwangi"})

    assert "Pelayanan Publik – Kabupaten Banyuwangi" in html


def test_script_writes_dates_decimals_and_translations_as_text():
    with override("en"):
        html = jsonld.script(
            {
                "startDate": datetime.date(2026, 12, 14),
                "latitude": Decimal("-8.219233"),
                "name": gettext_lazy("Beranda"),
            }
        )

    assert json.loads(payload(html)) == {
        "startDate": "2026-12-14",
        "latitude": "-8.219233",
        "name": "Home",
    }
