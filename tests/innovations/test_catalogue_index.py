"""The catalogue answered from each worker's memory (innovations/catalogue_index.py) gives
the same innovations in the same order as the database (`queries.catalogue`), on SQLite and
on PostgreSQL, and the catalogue page falls back to the database where it must."""

import itertools

import pytest
from django.db import connection

from festival.sitewide import pagecache
from innovations import catalogue_index, queries, search
from innovations.models import Innovation
from tests.innovations.factories import (
    AgencyFactory,
    AwardFactory,
    ExhibitFactory,
    InnovationFactory,
    ThemeFactory,
)
from tests.innovations.test_views import LIST, card_names

pytestmark = pytest.mark.django_db

WORDS = [
    "",
    "desa",
    "kesehatan ibu",
    "IBU kesehatan",
    "kartu",
    "sehat",
    "puskesmas",
    "e-vil",
    "100%",
    "a_b",
    "ringkasan",
    "tidak-ada-sama-sekali",
]


@pytest.fixture
def catalogue(editions):
    """Innovations over two themes, two agencies, two award levels and two editions, some
    featured, names that sort differently by case, texts that share words."""
    health = ThemeFactory(name="Kesehatan", slug="kesehatan")
    village = ThemeFactory(name="Tata kelola desa", name_en="Village", slug="desa")
    clinic = AgencyFactory(name="Puskesmas Sempu", slug="puskesmas-sempu")
    office = AgencyFactory(name="Dinas Kependudukan", slug="dispenduk")
    top99 = AwardFactory(level="TOP 99", level_slug="top-99")
    top35 = AwardFactory(level="TOP 35", level_slug="top-35")
    specs = [
        ("SAKINA", clinic, health, "Kesehatan ibu hamil di desa.", True, [top99]),
        ("Kartu Ibu", office, health, "Kartu untuk ibu: 100% gratis.", False, []),
        ("kartu kecil", office, village, "Huruf kecil di depan.", False, [top35]),
        ("Desa Sehat", clinic, village, "Ringkasan a_b desa.", False, [top99, top35]),
        ("e-Village Budgeting", office, village, "Anggaran desa daring.", True, []),
        ("Zeta", clinic, health, "Ringkasan tanpa kata kunci.", False, []),
        ("Ábaco", office, health, "Nama beraksen di depan.", False, []),
    ]
    made = []
    for n, (name, agency, theme, summary, featured, awards) in enumerate(specs):
        innovation = InnovationFactory(
            name=name, agency=agency, theme=theme, summary=summary, is_featured=featured
        )
        innovation.awards.add(*awards)
        if n % 2 == 0:
            ExhibitFactory(edition=editions.current, innovation=innovation, booth=f"A-{n}")
        if n % 3 == 0:
            ExhibitFactory(edition=editions.past, innovation=innovation, booth=f"L-{n}")
        made.append(innovation)
    InnovationFactory(name="Belum terbit desa", is_published=False, agency=clinic, theme=health)
    return editions


def test_the_index_finds_what_the_database_finds_in_the_same_order(catalogue):
    index = catalogue_index.load()
    editions = [None, catalogue.current, catalogue.past]
    for q, theme, agency, award, edition in itertools.product(
        WORDS, ["", "kesehatan", "desa"], ["", "puskesmas-sempu"], ["", "top-99"], editions
    ):
        filters = {"theme": theme, "agency": agency, "award_level": award, "edition": edition}
        database = list(
            queries.catalogue(q=q, exact_search=True, **filters).values_list("pk", flat=True)
        )
        rows = catalogue_index.select(index, words=search.terms(q), **filters)
        assert [row.pk for row in rows] == database, (q, filters)


def test_the_index_gives_each_card_its_booth_at_the_edition_filtered_by(catalogue):
    index = catalogue_index.load()
    sakina = Innovation.objects.get(name="SAKINA")

    row = next(row for row in index.rows if row.pk == sakina.pk)

    assert catalogue_index.card_row(row, catalogue.current)["exhibit_booth"] == "A-0"
    assert catalogue_index.card_row(row, catalogue.past)["exhibit_booth"] == "L-0"
    assert catalogue_index.card_row(row)["exhibit_booth"] == ""


@pytest.mark.parametrize(
    ("number", "shown"), [("1", 1), ("2", 2), ("abc", 1), ("0", 3), ("-4", 3), ("99", 3)]
)
def test_a_page_number_out_of_range_shows_the_nearest_page_as_the_database_would(
    catalogue, number, shown
):
    gen = pagecache.generation()
    filters = {"q": "", "theme": "", "agency": "", "award_level": "", "edition": None}

    from_index = queries.catalogue_page(filters, number, per_page=3, generation=gen)
    from_database = queries.catalogue_page(filters, number, per_page=3)

    assert (from_index.number, from_index.count) == (from_database.number, from_database.count)
    assert [r["pk"] for r in from_index.rows] == [r["pk"] for r in from_database.rows]
    assert from_index.number == shown
    assert from_index.count == 7


def test_the_page_answers_from_the_database_when_the_catalogue_is_too_large(
    catalogue, client, monkeypatch
):
    expected = card_names(client.get(LIST, {"q": "desa"}))
    pagecache.forget_local()
    monkeypatch.setattr(catalogue_index, "MAX_ROWS", 3)

    assert catalogue_index.load() is None
    assert card_names(client.get(LIST, {"q": "desa"})) == expected
    # The name holding the word first; the rest (whatever the texts say) in catalogue order.
    assert expected[0] == "Desa Sehat"
    assert len(expected) == 4


def test_the_index_follows_an_edit_at_once(catalogue, client):
    assert "Kartu Ibu" in card_names(client.get(LIST, {"q": "kartu"}))

    kartu = Innovation.objects.get(name="Kartu Ibu")
    kartu.summary = "Kartu untuk bapak."
    kartu.name = "Kartu Bapak"
    kartu.save()

    assert card_names(client.get(LIST, {"q": "kartu"})) == ["Kartu Bapak", "kartu kecil"]
    assert card_names(client.get(LIST, {"q": "kartu ibu"})) == []


def test_a_search_with_a_typo_is_asked_of_postgresql_when_nothing_matches_exactly(
    festival_content, client
):
    if connection.vendor != "postgresql":
        pytest.skip("Typos are forgiven on PostgreSQL (pg_trgm) only.")

    assert card_names(client.get(LIST, {"q": "kesehtan ibu"})) == ["SAKINA"]


def test_with_names_like_the_words_the_index_finds_what_a_forgiving_search_finds(catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("Typos are forgiven on PostgreSQL (pg_trgm) only.")
    index = catalogue_index.load()
    for q, theme, edition in itertools.product(
        ["kesehtan ibu", "kartuu", "sakinna", "puskesmass sempu", "desaa sehatt", "zzzz"],
        ["", "kesehatan"],
        [None, catalogue.current],
    ):
        filters = {"theme": theme, "agency": "", "award_level": "", "edition": edition}
        database = list(
            queries.catalogue(q=q, forgiving_search=True, **filters).values_list("pk", flat=True)
        )
        words = search.terms(q)
        rows = catalogue_index.select(
            index, words=words, alike=search.alike_names(words), **filters
        )
        assert [row.pk for row in rows] == database, (q, filters)
    assert database == [] and len(rows) == 0


def test_a_search_that_nothing_matches_exactly_costs_one_query_once_the_index_is_held(
    catalogue, client, django_assert_num_queries
):
    client.get(LIST, {"q": "kartu"})  # the index, the frame and the cards kept

    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 0):
        response = client.get(LIST, {"q": "kartuu ibu"})

    expected = ["Kartu Ibu"] if connection.vendor == "postgresql" else []
    assert card_names(response) == expected


def test_an_innovation_published_while_the_index_loads_waits_for_the_next_index(catalogue):
    # It is published (with an award and an exhibit) once the index has read the innovations,
    # before it reads their awards and exhibits, which then name one it does not hold.
    published = []

    def publish_before_the_awards_are_read(execute, sql, params, many, context):
        if not published and sql.startswith("SELECT") and "level_slug" in sql:
            published.append(None)  # (its own queries pass through here too)
            innovation = InnovationFactory(
                name="Baru terbit", awards=[AwardFactory(level_slug="top-12")]
            )
            ExhibitFactory(edition=catalogue.current, innovation=innovation)
            published[0] = innovation
        return execute(sql, params, many, context)

    with connection.execute_wrapper(publish_before_the_awards_are_read):
        index = catalogue_index.load()

    assert published[0].pk not in {row.pk for row in index.rows}
    assert len(index.rows) == 7
