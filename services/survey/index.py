"""The satisfaction index (Indeks Kepuasan Masyarakat, PermenPANRB 14/2017; FACTS.md §9),
computed once, exactly, for any set of responses: a service, the whole desk, an edition.

- NRR of an element = the sum of its scores / the number of answers to it.
- IKM = Σ NRR_i × 1/9 (each of the nine elements weighs 1/9); converted IKM = IKM × 25.
- Grade on the converted IKM: A from 88,31, B from 76,61, C from 65,00, else D.
- Sample target: Krejcie & Morgan from N, the people served (codes issued and not voided).

Arithmetic is exact (fractions.Fraction) to the end; only what is shown is rounded, to two
decimals, half up (0,005 goes up), as the regulation's tables are written.

Two rules the regulation's tables leave open, decided here:
- An element a respondent left unanswered is left out of that element's NRR (its divisor is
  the number of answers to it, not the respondents); the respondent still counts. An element
  nobody answered has no NRR, and then the index is not computed at all (a mean over eight
  elements is not the regulation's IKM): `Index.computed` is False and `missing` names them.
- The grade is read from the converted IKM rounded to two decimals, the figure that is
  published: 88,305 shows as 88,31 and is an A; 88,3049… shows as 88,30 and is a B. So the
  published figure and its grade never disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from services.survey.models import ELEMENT_FIELDS, Element

WEIGHT = Fraction(1, len(Element))
CONVERSION = 25
TWO_PLACES = Decimal("0.01")


@dataclasses.dataclass(frozen=True)
class Grade:
    letter: str
    words: str  # lazily translated: Sangat Baik / Very good …
    lowest: Decimal  # the lowest published (two-decimal) converted IKM of the grade


GRADES = (
    Grade("A", _("Sangat Baik"), Decimal("88.31")),
    Grade("B", _("Baik"), Decimal("76.61")),
    Grade("C", _("Kurang Baik"), Decimal("65.00")),
    Grade("D", _("Tidak Baik"), Decimal("25.00")),
)


def rounded(value: Fraction) -> Decimal:
    """`value` to two decimals, half up: the figure that is published."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def grade_of(converted: Fraction) -> Grade:
    """The grade of a converted IKM, read from its published (two-decimal) figure."""
    shown = rounded(converted)
    for grade in GRADES[:-1]:
        if shown >= grade.lowest:
            return grade
    return GRADES[-1]


def sample_target(served: int) -> int:
    """Krejcie & Morgan's sample size for a population of `served` (FACTS.md §9):
    S = 3,841 · N · 0,25 / (0,0025 · (N − 1) + 0,96025), rounded to the nearest whole person
    (half up). 50 → 44, 100 → 80, 1000 → 278. No one served, no one to ask: 0."""
    if served <= 0:
        return 0
    n = Fraction(served)
    s = (
        Fraction("3.841")
        * n
        * Fraction(1, 4)
        / (Fraction("0.0025") * (n - 1) + Fraction("0.96025"))
    )
    whole, rest = divmod(s, 1)
    return int(whole) + (1 if rest >= Fraction(1, 2) else 0)


@dataclasses.dataclass(frozen=True)
class Tally:
    """What the index needs from a set of responses: the respondents, and per element the
    sum of its scores and the number of answers to it. Sums add up exactly, so the tally of
    an edition is the sum of its services' tallies."""

    respondents: int = 0
    sums: tuple[int, ...] = (0,) * len(Element)
    answers: tuple[int, ...] = (0,) * len(Element)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            respondents=self.respondents + other.respondents,
            sums=tuple(a + b for a, b in zip(self.sums, other.sums, strict=True)),
            answers=tuple(a + b for a, b in zip(self.answers, other.answers, strict=True)),
        )

    @classmethod
    def from_row(cls, row: dict) -> Tally:
        """From a row of `tally_aggregates()` (an aggregate() or a values().annotate())."""
        return cls(
            respondents=row["respondents"] or 0,
            sums=tuple(row[f"sum_{f}"] or 0 for f in ELEMENT_FIELDS.values()),
            answers=tuple(row[f"answers_{f}"] or 0 for f in ELEMENT_FIELDS.values()),
        )

    @classmethod
    def of_responses(cls, responses: Iterable) -> Tally:
        respondents, sums, answers = 0, [0] * len(Element), [0] * len(Element)
        for response in responses:
            respondents += 1
            for i, element in enumerate(Element):
                score = response.score(element)
                if score is not None:
                    sums[i] += score
                    answers[i] += 1
        return cls(respondents=respondents, sums=tuple(sums), answers=tuple(answers))


def tally_aggregates(prefix: str = "") -> dict:
    """The database aggregates of a Tally, for aggregate() or values().annotate(): per element
    SUM and COUNT (COUNT of a column skips its NULLs, the unanswered). `prefix` reaches the
    responses through a relation ("response__" from the codes)."""
    aggregates = {"respondents": Count(f"{prefix}pk")}
    for field in ELEMENT_FIELDS.values():
        aggregates[f"sum_{field}"] = Sum(f"{prefix}{field}")
        aggregates[f"answers_{field}"] = Count(f"{prefix}{field}")
    return aggregates


@dataclasses.dataclass(frozen=True)
class ElementScore:
    element: Element
    answers: int
    total: int
    nrr: Fraction | None  # None: nobody answered this element

    @property
    def nrr_shown(self) -> Decimal | None:
        return rounded(self.nrr) if self.nrr is not None else None

    @property
    def label(self) -> str:
        return self.element.label


@dataclasses.dataclass(frozen=True)
class Index:
    elements: tuple[ElementScore, ...]
    respondents: int
    served: int
    target: int
    ikm: Fraction | None  # Σ NRR × 1/9, on the 1–4 scale; None: not computed
    converted: Fraction | None  # IKM × 25, 25–100
    grade: Grade | None  # the grade of `converted` (publish it only when sample_enough)

    @property
    def computed(self) -> bool:
        return self.converted is not None

    @property
    def missing(self) -> list[Element]:
        """The elements nobody answered (why the index is not computed)."""
        return [score.element for score in self.elements if score.nrr is None]

    @property
    def sample_enough(self) -> bool:
        """Enough respondents for the people served (and at least one)."""
        return self.respondents > 0 and self.respondents >= self.target

    @property
    def converted_shown(self) -> Decimal | None:
        return rounded(self.converted) if self.converted is not None else None

    @property
    def ikm_shown(self) -> Decimal | None:
        return rounded(self.ikm) if self.ikm is not None else None

    @property
    def published_grade(self) -> Grade | None:
        """The grade to publish: none while the sample is too small."""
        return self.grade if self.sample_enough else None


def compute_index(responses, *, served: int) -> Index:
    """The index of a set of responses: a queryset (summed in the database, one query), any
    iterable of SurveyResponse, or a Tally already summed (a row of a grouped query).
    `served` is N, the people served in the period, for the sample target."""
    if isinstance(responses, Tally):
        tally = responses
    elif isinstance(responses, QuerySet):
        tally = Tally.from_row(responses.order_by().aggregate(**tally_aggregates()))
    else:
        tally = Tally.of_responses(responses)
    elements = tuple(
        ElementScore(
            element=element,
            answers=answers,
            total=total,
            nrr=Fraction(total, answers) if answers else None,
        )
        for element, total, answers in zip(Element, tally.sums, tally.answers, strict=True)
    )
    if tally.respondents and all(score.nrr is not None for score in elements):
        ikm = sum((score.nrr * WEIGHT for score in elements), Fraction(0))
        converted = ikm * CONVERSION
        grade = grade_of(converted)
    else:
        ikm = converted = grade = None
    return Index(
        elements=elements,
        respondents=tally.respondents,
        served=served,
        target=sample_target(served),
        ikm=ikm,
        converted=converted,
        grade=grade,
    )
