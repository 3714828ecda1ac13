"""The index (services.survey.index): the regulation's arithmetic, exactly."""

from decimal import Decimal
from fractions import Fraction

import pytest

from services.survey.index import Tally, compute_index, grade_of, rounded, sample_target
from services.survey.models import Element, SurveyResponse
from tests.survey.response_factories import EXAMPLE, answered, unsaved


def test_index_of_the_hand_worked_example():
    """Three respondents (EXAMPLE); the third left element 3 unanswered.

    Sums per element and answers: U1 4+3+4 = 11/3; U2 4+3+3 = 10/3; U3 3+3 = 6/2 = 3 (two
    answers: the unanswered one is left out of U3's NRR); U4 4+2+4 = 10/3; U5 3+4+4 = 11/3;
    U6 4+4+3 = 11/3; U7 4+3+4 = 11/3; U8 3+3+2 = 8/3; U9 4+3+3 = 10/3.
    Σ NRR = (11+10+10+11+11+11+8+10)/3 + 3 = 82/3 + 3 = 91/3.
    IKM = 91/3 × 1/9 = 91/27 = 3,3703…; converted = 91/27 × 25 = 2275/27 = 84,259… → 84,26:
    76,61 ≤ 84,26 < 88,31, so B (Baik).
    Rounding each NRR to two decimals first would give Σ 30,34 → 84,28: why exactness matters.
    """
    responses = [unsaved(scores) for scores in EXAMPLE]

    index = compute_index(responses, served=3)

    nrrs = [score.nrr for score in index.elements]
    assert nrrs == [Fraction(n, 3) for n in (11, 10)] + [Fraction(3)] + [
        Fraction(n, 3) for n in (10, 11, 11, 11, 8, 10)
    ]
    assert index.elements[2].answers == 2
    assert index.ikm == Fraction(91, 27)
    assert index.converted == Fraction(2275, 27)
    assert index.converted_shown == Decimal("84.26")
    assert index.ikm_shown == Decimal("3.37")
    assert (index.grade.letter, str(index.grade.words)) == ("B", "Baik")
    assert index.respondents == 3
    assert index.target == 3
    assert index.sample_enough
    assert index.published_grade == index.grade


def test_queryset_is_summed_in_the_database_with_the_same_result(db, django_assert_num_queries):
    for scores in EXAMPLE:
        answered(scores)
    listed = compute_index(list(SurveyResponse.objects.all()), served=3)

    with django_assert_num_queries(1):
        summed = compute_index(SurveyResponse.objects.all(), served=3)

    assert summed == listed
    assert summed.converted == Fraction(2275, 27)


@pytest.mark.parametrize(
    ("converted", "letter"),
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.305", "A"),  # published as 88,31
        ("88.3049999", "B"),  # published as 88,30
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.605", "B"),
        ("76.6049", "C"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.995", "C"),  # published as 65,00
        ("64.9949", "D"),
        ("64.99", "D"),
        ("25", "D"),
    ],
)
def test_grade_boundaries_on_the_published_figure(converted, letter):
    assert grade_of(Fraction(converted)).letter == letter


def test_grade_words_in_both_languages():
    from django.utils import translation

    words = {grade_of(Fraction(v)).letter: grade_of(Fraction(v)).words for v in (90, 80, 70, 30)}
    assert [str(words[g]) for g in "ABCD"] == ["Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"]
    with translation.override("en"):
        assert [str(words[g]) for g in "ABCD"] == ["Very good", "Good", "Fair", "Poor"]


def test_exactly_65_from_responses_is_a_c():
    """Five respondents scoring 3, 3, 3, 2, 2 on every element: each NRR 13/5 = 2,6;
    IKM 2,6; converted 65 exactly: C, not D."""
    rows = [[s] * 9 for s in (3, 3, 3, 2, 2)]
    responses = [unsaved(row) for row in rows]

    index = compute_index(responses, served=5)

    assert index.converted == 65
    assert index.converted_shown == Decimal("65.00")
    assert index.grade.letter == "C"


def test_extremes_of_the_scale():
    best = compute_index(Tally(respondents=1, sums=(4,) * 9, answers=(1,) * 9), served=1)
    worst = compute_index(Tally(respondents=1, sums=(1,) * 9, answers=(1,) * 9), served=1)
    assert (best.converted, best.grade.letter) == (100, "A")
    assert (worst.converted, worst.grade.letter) == (25, "D")


def test_an_element_nobody_answered_stops_the_index():
    rows = [[4, 4, 4, None, 4, 4, 4, 4, 4], [3, 3, 3, None, 3, 3, 3, 3, 3]]
    responses = [unsaved(row) for row in rows]

    index = compute_index(responses, served=2)

    assert not index.computed
    assert index.ikm is None and index.converted is None and index.grade is None
    assert index.missing == [Element.COST]
    assert index.elements[0].nrr == Fraction(7, 2)  # the others still have their NRR
    assert index.respondents == 2


def test_empty_set():
    index = compute_index([], served=0)

    assert index.respondents == 0
    assert not index.computed
    assert index.grade is None and index.published_grade is None
    assert index.target == 0
    assert not index.sample_enough
    assert all(score.nrr is None for score in index.elements)


@pytest.mark.parametrize(
    ("served", "target"),
    [(50, 44), (100, 80), (150, 108), (200, 132), (300, 169), (500, 217), (1000, 278)],
)
def test_sample_target_follows_krejcie_and_morgan(served, target):
    assert sample_target(served) == target


def test_sample_target_of_tiny_populations():
    assert [sample_target(n) for n in (0, 1, 3, 10)] == [0, 1, 3, 10]


def test_sample_below_target_keeps_the_grade_unpublished():
    tally = Tally(respondents=3, sums=(12,) * 9, answers=(3,) * 9)

    index = compute_index(tally, served=10)

    assert index.target == 10
    assert not index.sample_enough
    assert index.grade.letter == "A"
    assert index.published_grade is None


def test_rounding_is_half_up():
    assert rounded(Fraction("84.255")) == Decimal("84.26")
    assert rounded(Fraction("84.245")) == Decimal("84.25")
    assert rounded(Fraction(2275, 27)) == Decimal("84.26")
