"""Validators for the Indonesian numbers residents and staff type in.

Each `normalize_*` function takes what a person typed (with spaces, dots or dashes), returns
the number in one normal form, and raises ValidationError with a message in the page's
language when it is not a real number of that kind. The formats: mobile numbers 08… (10–13
digits), NIK 16 digits with the birth date, NIP 18 digits with birth date and start of
service, NOP PBB-P2 18 digits; each function's docstring gives the details.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SEPARATORS = re.compile(r"[\s.\-()/]+")


def ascii_digits(value: str) -> str:
    """Decimal digits of any script (full-width ０-９ from a phone keyboard, Arabic-Indic
    ٠-٩ …) written as ASCII 0-9. They pass str.isdigit() and regex \\d, so without this a
    number typed in them would be accepted and stored as typed, unlike the same number in
    ASCII (duplicates missed, searches and SMS broken)."""
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in value
    )


def _strip(value: str) -> str:
    return ascii_digits(_SEPARATORS.sub("", str(value or "").strip()))


def normalize_phone(value: str) -> str:
    """An Indonesian mobile number in any usual writing, returned as +628…

    Accepts 0812…, +62 812…, 62812…, with spaces or dashes. Operators are not checked by
    prefix (operators' prefixes change, and no list of them could be confirmed); the length is: 08 plus 8 to
    11 more digits, 10–13 digits in all.
    """
    digits = _strip(value)
    if digits.startswith("+"):
        digits = digits[1:]
        if not digits.startswith("62"):
            raise ValidationError(
                _("Masukkan nomor HP Indonesia, misalnya 0812 3456 7890."), code="phone_country"
            )
    if not digits.isdecimal():
        raise ValidationError(
            _("Nomor HP hanya berisi angka, misalnya 0812 3456 7890."), code="phone_chars"
        )
    if digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if not re.fullmatch(r"8[1-9]\d{7,10}", national):
        raise ValidationError(
            _(
                "Nomor HP tidak valid: awali dengan 08 dan tulis 10–13 angka, misalnya 0812 3456 7890."
            ),
            code="phone_invalid",
        )
    return "+62" + national


def format_phone(value: str) -> str:
    """+6281234567890 → 0812-3456-7890, as people write it."""
    if not value or not value.startswith("+62"):
        return value or ""
    national = "0" + value[3:]
    return f"{national[:4]}-{national[4:8]}-{national[8:]}"


def mask_phone(value: str) -> str:
    """Only the last four digits stay readable: 0812-****-7890 → ••••••••7890."""
    if not value:
        return ""
    digits = value[-4:]
    return "•" * 8 + digits


def mask_email(value: str) -> str:
    """Only the first letter and the domain stay readable: siti@contoh.id → s•••@contoh.id."""
    if not value:
        return ""
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return "•" * 3
    return f"{local[0]}•••@{domain}"


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def normalize_nik(value: str) -> str:
    """A 16-digit NIK whose date part is a real date (women's day of birth is +40)."""
    digits = _strip(value)
    if not re.fullmatch(r"\d{16}", digits):
        raise ValidationError(_("NIK terdiri dari 16 angka."), code="nik_length")
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        day -= 40
    # The two-digit year could be 19xx or 20xx; either must give a real date (29 Feb).
    if not (_valid_date(2000 + year, month, day) or _valid_date(1900 + year, month, day)):
        raise ValidationError(
            _("NIK tidak valid: angka ke-7 sampai ke-12 harus tanggal lahir (DDMMYY)."),
            code="nik_date",
        )
    if digits[:2] == "00" or digits[12:] == "0000":
        raise ValidationError(_("NIK tidak valid."), code="nik_invalid")
    return digits


def mask_nik(value: str) -> str:
    """3510xxxxxxxxxx01 style: region kept, the personal part hidden."""
    if not value:
        return ""
    return value[:4] + "•" * 8 + value[-4:]


def normalize_nip(value: str) -> str:
    """An 18-digit NIP: birth date (YYYYMMDD), start as civil servant (YYYYMM), sex (1 or 2),
    serial number (3). Returned as digits only."""
    digits = _strip(value)
    if not re.fullmatch(r"\d{18}", digits):
        raise ValidationError(
            _("NIP terdiri dari 18 angka, misalnya 19860926 201505 1 001."), code="nip_length"
        )
    birth_y, birth_m, birth_d = int(digits[0:4]), int(digits[4:6]), int(digits[6:8])
    start_y, start_m = int(digits[8:12]), int(digits[12:14])
    if not (birth_y >= 1930 and _valid_date(birth_y, birth_m, birth_d)):
        raise ValidationError(
            _("NIP tidak valid: 8 angka pertama harus tanggal lahir (TTTTBBHH)."),
            code="nip_birth",
        )
    if not (1 <= start_m <= 12 and birth_y + 14 <= start_y <= 2100):
        raise ValidationError(
            _(
                "NIP tidak valid: angka ke-9 sampai ke-14 harus tahun dan bulan pengangkatan "
                "(TTTTBB)."
            ),
            code="nip_start",
        )
    if digits[14] not in "12":
        raise ValidationError(
            _("NIP tidak valid: angka ke-15 harus 1 (pria) atau 2 (wanita)."), code="nip_sex"
        )
    if digits[15:] == "000":
        raise ValidationError(_("NIP tidak valid: nomor urut tidak boleh 000."), code="nip_serial")
    return digits


def format_nip(value: str) -> str:
    """198609262015051001 → 19860926 201505 1 001."""
    if not value or len(value) != 18:
        return value or ""
    return f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}"


def mask_nip(value: str) -> str:
    if not value:
        return ""
    return "•" * 14 + value[-4:]


def normalize_nop(value: str) -> str:
    """An 18-digit NOP PBB-P2 of Banyuwangi (35.10.xxx.xxx.xxx-xxxx.x), dots optional.

    Returned in its written form 35.10.CCC.DDD.BBB-NNNN.K.
    """
    digits = _strip(value)
    if not re.fullmatch(r"\d{18}", digits):
        raise ValidationError(
            _("NOP terdiri dari 18 angka, misalnya 35.10.010.001.001-0001.0."), code="nop_length"
        )
    if not digits.startswith("3510"):
        raise ValidationError(_("NOP objek pajak di Banyuwangi diawali 35.10."), code="nop_region")
    return (
        f"{digits[0:2]}.{digits[2:4]}.{digits[4:7]}.{digits[7:10]}."
        f"{digits[10:13]}-{digits[13:17]}.{digits[17]}"
    )
