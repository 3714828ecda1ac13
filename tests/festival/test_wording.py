"""The site's Indonesian keeps one formal register (EYD V): every template and every shipped
fixture text is free of the informal or misspelt words the language review removed."""

import json
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BANNED = ["materai", " bisa ", " lewat ", " bila ", "lebih dulu", "Remah roti"]


def _templates():
    return sorted(p for p in (ROOT / "templates").rglob("*") if p.suffix in (".html", ".txt"))


def _fixture_texts():
    """(where, text) for every Indonesian text field of the shipped fixtures."""
    for path in sorted((ROOT / "fixtures").glob("*.json")):
        for obj in json.loads(path.read_text(encoding="utf-8")):
            for field, value in obj["fields"].items():
                if isinstance(value, str) and not field.endswith("_en"):
                    yield f"{path.name} {obj['model']} {obj['pk']} {field}", value


def _found(text):
    # Words at the start of a sentence or line count too: " Bila " as well as " bila ".
    padded = " " + text.replace("\n", " ").lower() + " "
    for punct in ".,;:()“”\"'!?":
        padded = padded.replace(punct, " ")
    return [word for word in BANNED if word.lower() in padded]


def test_templates_use_no_banned_indonesian_words():
    found = {str(p.relative_to(ROOT)): _found(p.read_text(encoding="utf-8")) for p in _templates()}

    assert {where: words for where, words in found.items() if words} == {}


def test_fixture_texts_use_no_banned_indonesian_words():
    found = {where: _found(text) for where, text in _fixture_texts()}

    assert {where: words for where, words in found.items() if words} == {}


def test_banned_word_scan_finds_a_banned_word():
    assert _found("Bila perlu, bayar materai lewat bank.") == ["materai", " lewat ", " bila "]
