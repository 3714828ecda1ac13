"""The rules the database itself keeps for the catalogue, whatever path a row takes in
(admin, content loader, a shell): each is tried with a row that breaks it."""

import pytest
from django.db import IntegrityError, transaction

from innovations.models import Award, Innovation, Photo
from tests.innovations.factories import AwardFactory, InnovationFactory

pytestmark = pytest.mark.django_db

SINOVIK = "Kompetisi Inovasi Pelayanan Publik (Sinovik) KemenPAN-RB"


def a_photo(innovation, **changes) -> Photo:
    fields = {
        "innovation": innovation,
        "image_large": "innovations/a-1200.webp",
        "image_medium": "innovations/a-800.webp",
        "image_small": "innovations/a-400.webp",
        "width": 1200,
        "height": 800,
        "alt": "Petugas melayani warga",
    } | changes
    return Photo.objects.create(**fields)


def test_database_refuses_the_same_award_twice_in_one_year():
    AwardFactory(programme=SINOVIK, level="TOP 99", year=2016)

    with pytest.raises(IntegrityError), transaction.atomic():
        AwardFactory(programme=SINOVIK, level="TOP 99", year=2016)


def test_database_refuses_the_same_award_twice_without_a_year():
    AwardFactory(programme=SINOVIK, level="TOP 99", year=None)

    with pytest.raises(IntegrityError), transaction.atomic():
        AwardFactory(programme=SINOVIK, level="TOP 99", year=None)


def test_database_keeps_the_same_award_in_different_years():
    AwardFactory(programme=SINOVIK, level="TOP 99", year=2016)
    AwardFactory(programme=SINOVIK, level="TOP 99", year=2017)

    assert Award.objects.filter(programme=SINOVIK, level="TOP 99").count() == 2


@pytest.mark.parametrize("year", [1989, 2101])
def test_database_refuses_an_award_year_that_cannot_be_true(year):
    award = AwardFactory(year=2016)

    with pytest.raises(IntegrityError), transaction.atomic():
        Award.objects.filter(pk=award.pk).update(year=year)


def test_database_refuses_an_acronym_expansion_without_an_acronym():
    innovation = InnovationFactory(acronym="")

    with pytest.raises(IntegrityError), transaction.atomic():
        Innovation.objects.filter(pk=innovation.pk).update(
            acronym_expansion="Stop Angka Kematian Ibu dan Anak"
        )


@pytest.mark.parametrize("year", [1944, 2101])
def test_database_refuses_a_start_year_that_cannot_be_true(year):
    innovation = InnovationFactory(started_year=2014)

    with pytest.raises(IntegrityError), transaction.atomic():
        Innovation.objects.filter(pk=innovation.pk).update(started_year=year)


@pytest.mark.parametrize(
    "changes",
    [{"alt": ""}, {"image_large": ""}, {"width": 0}, {"height": 0}],
    ids=["without-alt-text", "without-image", "zero-width", "zero-height"],
)
def test_database_refuses_a_photo_that_cannot_be_shown(changes):
    innovation = InnovationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        a_photo(innovation, **changes)


def test_database_keeps_a_complete_photo():
    innovation = InnovationFactory()

    a_photo(innovation)

    assert innovation.photos.get().alt == "Petugas melayani warga"
