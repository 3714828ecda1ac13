"""Every visible string has its English translation, compiled for a fresh clone."""

import datetime
import gettext
import re
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.utils import translation

from tests.festival.factories import EditionFactory, ProgrammeItemFactory
from tests.innovations.factories import InnovationFactory
from tests.text import page_text

PO = (
    Path(__file__).resolve().parents[2]
    / "festival"
    / "config"
    / "locale"
    / "en"
    / "LC_MESSAGES"
    / "django.po"
)


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(lines):
    raw = "".join(re.match(r'^\s*"(.*)"\s*$', line).group(1) for line in lines)
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), raw)


def po_entries():
    """(msgid, [msgstr...], flags) for each entry of the English catalogue; the msgid of an
    entry with a context is the context, EOT and the msgid, as the compiled catalogue keys it."""
    entries, block = [], []
    for line in PO.read_text(encoding="utf-8").splitlines() + [""]:
        if line.strip():
            block.append(line)
            continue
        if block:
            flags = " ".join(row for row in block if row.startswith("#,"))
            fields, current = {}, None
            for row in block:
                if row.startswith("#"):
                    continue
                m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?)\s+(\".*\")$", row)
                if m:
                    current = m.group(1)
                    fields[current] = [m.group(2)]
                elif current:
                    fields[current].append(row)
            msgid = _unquote(fields.get("msgid", ['""']))
            if "msgctxt" in fields:
                msgid = f"{_unquote(fields['msgctxt'])}\x04{msgid}" if msgid else ""
            strs = [_unquote(v) for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((msgid, strs, flags))
            block = []
    return [e for e in entries if e[0]]


def test_every_string_has_an_english_translation():
    untranslated = [
        msgid for msgid, strs, flags in po_entries() if not all(strs) or "fuzzy" in flags
    ]

    assert untranslated == []


def test_compiled_catalogue_matches_the_po_file():
    with PO.with_suffix(".mo").open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog

    compiled = {key[0] if isinstance(key, tuple) else key for key in catalog}
    missing = [msgid for msgid, _strs, _flags in po_entries() if msgid not in compiled]
    assert missing == []


# --- One Indonesian word, two meanings: each has its own message context -------------------


def _at(day, hour):
    return time_machine.travel(
        datetime.datetime(2026, 12, day, hour, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False
    )


@pytest.mark.django_db
def test_english_programme_says_finished_and_up_next(client):
    edition = EditionFactory()
    ProgrammeItemFactory(edition=edition, slug="pagi", start_time=time(8), end_time=time(9))
    ProgrammeItemFactory(edition=edition, slug="sore", start_time=time(14))

    with _at(14, 11):
        programme = page_text(client.get("/en/jadwal/"))
        home = page_text(client.get("/en/"))

    assert "Finished" in programme
    assert "Up next" in programme
    assert "Done" not in programme
    assert "Up next" in home


@pytest.mark.django_db
def test_english_pagination_says_next_and_previous(client):
    InnovationFactory.create_batch(13)

    first = page_text(client.get("/en/inovasi/"))
    second = page_text(client.get("/en/inovasi/", {"page": 2}))

    assert "Next" in first and "Up next" not in first
    assert "Previous" in second


def test_request_status_done_reads_done_in_english():
    # Found through the registry: the request model's own name is not this test's concern.
    request_model = next(
        model for model in apps.get_app_config("services").get_models() if hasattr(model, "Status")
    )

    with translation.override("en"):
        label = request_model(status="done").get_status_display()

    assert label == "Done"
