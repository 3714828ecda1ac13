"""Fields for text a person types into the request forms."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from festival.sitewide import numbers


class PlainTextField(forms.CharField):
    """Text a person types: trimmed, and refused when it holds control characters."""

    def to_python(self, value):
        value = super().to_python(value)
        if value and any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value):
            raise ValidationError(
                _("Teks ini berisi karakter yang tidak dapat dipakai. Ketik ulang tanpa menyalin."),
                code="control_characters",
            )
        return value


def digits(value: str) -> str:
    """The digits of a number typed with spaces, dots or dashes, in ASCII."""
    return numbers.ascii_digits(re.sub(r"[\s.\-]+", "", value or ""))
