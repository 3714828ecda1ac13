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
