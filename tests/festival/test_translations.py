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
    """Each entry of the English catalogue: msgctxt, msgid, msgid_plural, [msgstr...], flags."""
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
            entries.append(
                {
                    "msgctxt": _unquote(fields["msgctxt"]) if "msgctxt" in fields else None,
                    "msgid": _unquote(fields.get("msgid", ['""'])),
                    "msgid_plural": _unquote(fields.get("msgid_plural", ['""'])),
                    "msgstr": [_unquote(v) for k, v in fields.items() if k.startswith("msgstr")],
                    "flags": flags,
                }
            )
            block = []
    return [e for e in entries if e["msgid"]]


def _as_compiled(translations, entry) -> list[str]:
    """What the compiled catalogue gives for `entry`: its one translation, or the singular
    and the plural (English has two forms)."""
    ctx, msgid, plural = entry["msgctxt"], entry["msgid"], entry["msgid_plural"]
    if plural and ctx is not None:
        return [translations.npgettext(ctx, msgid, plural, n) for n in (1, 2)]
    if plural:
        return [translations.ngettext(msgid, plural, n) for n in (1, 2)]
    if ctx is not None:
        return [translations.pgettext(ctx, msgid)]
    return [translations.gettext(msgid)]


def test_every_string_has_an_english_translation():
    untranslated = [
        entry["msgid"]
        for entry in po_entries()
        if not all(entry["msgstr"]) or "fuzzy" in entry["flags"]
    ]

    assert untranslated == []


def test_compiled_catalogue_translates_every_entry_as_the_po_file_says():
    with PO.with_suffix(".mo").open("rb") as fh:
        translations = gettext.GNUTranslations(fh)

    stale = [
        entry["msgid"]
        for entry in po_entries()
        if "fuzzy" not in entry["flags"] and _as_compiled(translations, entry) != entry["msgstr"]
    ]

    assert stale == []


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
