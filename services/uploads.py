"""Document photos held between the form and the check-answers page.

When a resident uploads a photo and goes on to check their answers, the cleaned photo is
kept in the private storage under a random name; the check-answers page carries that name
in a signed field (see forms.AnswersToken), so only this server's pages can point at it.
Submitting moves it into the request; a held photo nobody submitted is deleted by the
retention eraser.
"""

import datetime
import re
import secrets

from django.core.files.base import ContentFile, File
from django.core.files.storage import storages

HELD_DIR = "services/held"
_HELD_NAME = re.compile(rf"^{HELD_DIR}/[0-9a-f]{{32}}\.webp$")


def _storage():
    return storages["private"]


def hold(content: ContentFile) -> str:
    """Keep a cleaned photo until the request is submitted; returns its private name."""
    return _storage().save(f"{HELD_DIR}/{secrets.token_hex(16)}.webp", content)


def is_held_name(name: str) -> bool:
    return bool(_HELD_NAME.fullmatch(name or ""))


def open_held(name: str) -> File | None:
    """The held photo, or None when the name is not one of ours or it is gone."""
    if not is_held_name(name) or not _storage().exists(name):
        return None
    with _storage().open(name, "rb") as fh:
        return ContentFile(fh.read(), name="document.webp")


def release(names) -> None:
    for name in names:
        if is_held_name(name):
            _storage().delete(name)


def delete_held_before(moment: datetime.datetime) -> int:
    """Delete held photos last written before `moment` (abandoned check-answers pages)."""
    storage = _storage()
    try:
        _dirs, files = storage.listdir(HELD_DIR)
    except FileNotFoundError:
        return 0
    deleted = 0
    for filename in files:
        name = f"{HELD_DIR}/{filename}"
        if is_held_name(name) and storage.get_modified_time(name) < moment:
            storage.delete(name)
            deleted += 1
    return deleted
