"""The workshop evaluation's questions: four items, each answered on a scale of 1 to 4.

The one place that says what an attendee reads: the form on the ticket page asks these, and the
organisers' results, CSV and printed report name the items the same way. The wording is ours
(no official form is in our sources), plain and formal, the lowest answer scoring 1.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

SCORES = (1, 2, 3, 4)
COMMENT_MAX_LENGTH = 1000


@dataclass(frozen=True)
class Item:
    field: str  # the Evaluation model's field, and the form's
    label: str  # short: column heads, the report
    text: str  # the question an attendee reads
    # The answers 1–4, worst first.
    answers: tuple[str, str, str, str]

    def choices(self) -> list[tuple[int, str]]:
        """(score, "4 – Sangat baik") for each answer, as the form offers them."""
        return [
            (score, format_lazy("{} – {}", score, words))
            for score, words in zip(SCORES, self.answers, strict=True)
        ]


_QUALITY = (_("Kurang baik"), _("Cukup baik"), _("Baik"), _("Sangat baik"))

ITEMS: tuple[Item, ...] = (
    Item(
        "content",
        _("Isi dan materi"),
        _("Bagaimana penilaian Anda tentang isi dan materi workshop ini?"),
        _QUALITY,
    ),
    Item(
        "speakers",
        _("Narasumber"),
        _("Bagaimana penilaian Anda tentang penyampaian materi oleh narasumber?"),
        _QUALITY,
    ),
    Item(
        "usefulness",
        _("Manfaat"),
        _("Seberapa bermanfaat workshop ini bagi pekerjaan Anda?"),
        (
            _("Kurang bermanfaat"),
            _("Cukup bermanfaat"),
            _("Bermanfaat"),
            _("Sangat bermanfaat"),
        ),
    ),
    Item(
        "organisation",
        _("Penyelenggaraan"),
        _(
            "Bagaimana penilaian Anda tentang penyelenggaraan workshop ini (pendaftaran, tempat, "
            "dan ketepatan waktu)?"
        ),
        _QUALITY,
    ),
)

FIELDS: tuple[str, ...] = tuple(item.field for item in ITEMS)
