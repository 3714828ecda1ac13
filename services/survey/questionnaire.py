"""The questionnaire: one question per element, each with four answers a–d scored 1–4.

The one place that says what a respondent reads: the web form asks these, and the index, the
results and the printed report may show them. FACTS.md §9: the annex's exact wording is not in
our sources, so these are plain questions in its spirit, the lowest answer scoring 1 and the
highest 4.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from services.survey.models import Element

# The answers' letters, in the order of their scores.
LETTERS = ("a", "b", "c", "d")
SCORES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Question:
    element: Element
    text: str
    # The answers a–d, worst first: answer a scores 1, answer d scores 4.
    answers: tuple[str, str, str, str]

    @property
    def number(self) -> int:
        return self.element.value

    def choices(self) -> list[tuple[int, str]]:
        """(score, "a. words") for each answer, as a form offers them."""
        return [
            (score, format_lazy("{}. {}", letter, words))
            for score, letter, words in zip(SCORES, LETTERS, self.answers, strict=True)
        ]

    def answer_words(self, score: int) -> str:
        return self.answers[SCORES.index(score)]


QUESTIONS: tuple[Question, ...] = (
    Question(
        Element.REQUIREMENTS,
        _(
            "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan (dokumen dan "
            "syarat yang diminta) dengan jenis pelayanannya?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Question(
        Element.PROCEDURE,
        _("Bagaimana pendapat Anda tentang kemudahan prosedur pelayanan?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Question(
        Element.TIME,
        _("Bagaimana pendapat Anda tentang kecepatan waktu penyelesaian pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Question(
        Element.COST,
        _("Bagaimana pendapat Anda tentang kewajaran biaya/tarif pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Question(
        Element.PRODUCT,
        _(
            "Bagaimana pendapat Anda tentang kesesuaian hasil pelayanan yang Anda terima dengan "
            "yang tercantum dalam standar pelayanan?"
        ),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Question(
        Element.COMPETENCE,
        _("Bagaimana pendapat Anda tentang kemampuan petugas dalam memberikan pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Question(
        Element.BEHAVIOUR,
        _(
            "Bagaimana pendapat Anda tentang kesopanan dan keramahan petugas dalam memberikan "
            "pelayanan?"
        ),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    Question(
        Element.COMPLAINTS,
        _(
            "Bagaimana pendapat Anda tentang penanganan pengaduan, saran, dan masukan di "
            "layanan ini?"
        ),
        (
            _("Tidak ada sarana pengaduan"),
            _("Ada, tetapi tidak berfungsi"),
            _("Berfungsi, tetapi belum optimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    Question(
        Element.FACILITIES,
        _(
            "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana pelayanan (tempat, "
            "tempat duduk, dan peralatan)?"
        ),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
)

QUESTION_OF: dict[Element, Question] = {question.element: question for question in QUESTIONS}
