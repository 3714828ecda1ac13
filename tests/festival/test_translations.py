"""Every visible string has its English translation, compiled for a fresh clone."""

import gettext
import re
from pathlib import Path

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
    """(msgid, [msgstr...], flags) for each entry of the English catalogue."""
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
                m = re.match(r"^(msgid_plural|msgid|msgstr(?:\[\d\])?)\s+(\".*\")$", row)
                if m:
                    current = m.group(1)
                    fields[current] = [m.group(2)]
                elif current:
                    fields[current].append(row)
            msgid = _unquote(fields.get("msgid", ['""']))
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
