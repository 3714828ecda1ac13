"""Content in two languages: Bahasa Indonesia always, English where organisers wrote it."""

from django.utils.translation import get_language


def localized(obj, field: str) -> str:
    """The English `<field>_en` on /en/ pages when it is filled, else the Indonesian field."""
    value = getattr(obj, field, "")
    if (get_language() or "id").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return value
