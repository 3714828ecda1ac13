"""The check-answers page's signed copy of what the applicant typed."""

import secrets

from django.core import signing

from services import uploads
from services.models import Offering


class AnswersToken:
    """The check-answers page's signed copy of the answers (and held photos), so the final
    submit needs neither a session nor a second upload and cannot be altered."""

    salt = "services.request.answers"
    # Held photos live exactly as long (see uploads.HELD_SECONDS).
    max_age = uploads.HELD_SECONDS

    @classmethod
    def dump(cls, *, offering: Offering, data: dict, held: dict, key: str | None = None) -> str:
        payload = {
            "offering": offering.pk,
            "data": data,
            "held": held,
            "key": key or secrets.token_hex(16),
        }
        return signing.dumps(payload, salt=cls.salt, compress=True)

    @classmethod
    def load(cls, token: str, *, offering: Offering) -> dict:
        """The payload, or signing.BadSignature when forged, expired or for another service
        (or another edition's offering of it)."""
        payload = signing.loads(token or "", salt=cls.salt, max_age=cls.max_age)
        if payload.get("offering") != offering.pk:
            raise signing.BadSignature("answers for another offering")
        held = payload.get("held") or {}
        payload["held"] = {k: v for k, v in held.items() if uploads.is_held_name(v)}
        return payload
