"""Open data (/data/): the catalogue, programmes and results as CSV and JSON, documented once
(festival/config/opendata.py) and filtered like the pages."""

import csv
import datetime
import html
import io
import json
import re

import pytest
import time_machine
from django.utils.http import http_date

from festival.config import opendata
from festival.models import Edition
from festival.sitewide.models import Kecamatan, OpenDataSettings, Village
from innovations.models import Innovation
from tests.festival.factories import EditionFactory
from tests.innovations.factories import AgencyFactory, InnovationFactory, ThemeFactory
from tests.services.factories import ServiceFactory
from tests.survey.response_factories import SurveyCodeFactory, answered
from tests.text import page_text
from workshops import domain as workshop_domain
from workshops.models import Workshop

pytestmark = pytest.mark.django_db

AFTER_2016 = "2016-12-20 10:00+07:00"


def read_csv(response) -> list[dict]:
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _type_ok(column, value) -> bool:
    """Whether a JSON value is what the data page documents for its column."""
    if value is None:
        return True
    kind = column.type
    if kind == "teks":
        return isinstance(value, str) and value != ""
    if kind == "bilangan bulat":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bilangan":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "ya/tidak":
        return isinstance(value, bool)
    if kind == "tanggal":
        return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
    if kind == "jam":
        return bool(re.fullmatch(r"\d{2}:\d{2}", value))
    if kind == "waktu":
        return datetime.datetime.fromisoformat(value).utcoffset() == datetime.timedelta(hours=7)
    if kind == "daftar teks":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    raise AssertionError(f"undocumented type {kind}")


def assert_matches_documented_columns(document: dict, dataset) -> None:
    names = [c.name for c in dataset.columns]
    assert document["dataset"] == dataset.slug
    assert document["kolom"] == names
    for row in document["data"]:
        assert list(row) == names
        for column in dataset.columns:
            assert _type_ok(column, row[column.name]), (column.name, row[column.name])


# --- The catalogue ----------------------------------------------------------------------------


def test_catalogue_csv_opens_with_the_documented_columns_and_indonesian_characters(client):
    InnovationFactory(
        name="Gandrung Désa – “Kemiren”",
        summary="Layanan adat Osing; biaya Rp0 – gratis.",
        agency=AgencyFactory(name="Desa Kemiren"),
        legal_basis="Perdes No. 1/2016",
        contact_office="Kantor Desa Kemiren",
        contact_phone="+62 333 123456",
    )

    response = client.get("/data/inovasi.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="inovasi.csv"'
    rows = read_csv(response)
    assert list(rows[0]) == [c.name for c in opendata.INNOVATION_COLUMNS]
    assert rows[0]["nama"] == "Gandrung Désa – “Kemiren”"
    assert rows[0]["instansi"] == "Desa Kemiren"
    assert rows[0]["dasar_hukum"] == "Perdes No. 1/2016"
    assert rows[0]["kontak_telepon"] == "+62 333 123456"  # a number is not a formula
    assert rows[0]["mulai_tahun"] == ""
    assert rows[0]["unggulan"] == "false"


def test_catalogue_csv_keeps_a_formula_as_text(client):
    InnovationFactory(name='=HYPERLINK("http://evil")', summary="@SUM(A1)")

    row = read_csv(client.get("/data/inovasi.csv"))[0]

    assert row["nama"] == '\'=HYPERLINK("http://evil")'
    assert row["ringkasan"] == "'@SUM(A1)"


def test_catalogue_json_validates_against_the_documented_columns(client, festival_content):
    response = client.get("/data/inovasi.json")

    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    assert_matches_documented_columns(document, opendata.CATALOGUE)
    assert len(document["data"]) == 9
    sas = next(row for row in document["data"] if row["slug"] == "siswa-asuh-sebaya")
    assert sas["mulai_tahun"] == 2011
    assert sas["status"] == "berjalan" and sas["status_per_tahun"] == 2016
    assert sas["dasar_hukum"] == "Keputusan Bupati Banyuwangi Nomor 188/182/KEP/429.101/2014"
    assert sas["kontak_telepon"] is None  # no office channel is in the facts
    assert document["lisensi"] is None


def test_catalogue_files_are_filtered_like_the_page(client, festival_content):
    params = {"penghargaan": "top-99", "q": "gizi"}
    page = client.get("/inovasi/", params).content.decode()
    rows = read_csv(client.get("/data/inovasi.csv", params))
    document = json.loads(client.get("/data/inovasi.json", {"penghargaan": "top-99"}).content)

    assert [row["nama"] for row in rows] == ["Sirami Gizi"]
    assert "Sirami Gizi" in page
    assert sorted(row["nama"] for row in document["data"]) == ["Pujasera", "Sirami Gizi"]


def test_catalogue_page_links_to_its_filtered_download(client, festival_content):
    page = client.get("/inovasi/", {"tema": "kesehatan", "page": "1"}).content.decode()

    assert 'href="/data/inovasi.csv?tema=kesehatan"' in page


def test_catalogue_file_of_an_edition_has_the_booths(client, festival_content):
    rows = read_csv(client.get("/data/inovasi.csv", {"edisi": "2016"}))

    assert len(rows) == 9
    assert all(row["halaman"].startswith("http") for row in rows)


def test_catalogue_file_says_when_it_was_last_changed_and_answers_304(client, festival_content):
    innovation = Innovation.objects.get(slug="sakina")
    innovation.save()
    response = client.get("/data/inovasi.csv")

    assert response["Last-Modified"] == http_date(innovation.updated_at.timestamp())
    again = client.get("/data/inovasi.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_catalogue_file_answers_head_for_a_cheap_freshness_check(client, festival_content):
    response = client.head("/data/inovasi.json")

    assert response.status_code == 200
    assert response["Last-Modified"] and response.content == b""


def test_catalogue_file_is_cached_and_an_edit_shows_at_once(client, festival_content, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first = client.get("/data/inovasi.json")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/data/inovasi.json")["X-Page-Cache"] == "hit"

    Innovation.objects.filter(slug="sakina").get().save()  # any edit through the ORM
    innovation = Innovation.objects.get(slug="sakina")
    innovation.name = "SAKINA Baru"
    innovation.save()

    after = client.get("/data/inovasi.json")
    assert after["X-Page-Cache"] == "miss"
    assert "SAKINA Baru" in after.content.decode()


def _many(count: int) -> None:
    agency, theme = AgencyFactory(), ThemeFactory()
    Innovation.objects.bulk_create(
        Innovation(
            name=f"Inovasi {n:05d}", slug=f"inovasi-{n}", summary="R.", agency=agency, theme=theme
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 2000])
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_catalogue_file_uses_the_same_number_of_queries_for_10_or_2000(
    client, django_assert_num_queries, count, fmt
):
    _many(count)

    # 4 filter choices, innovations, awards, photos, documents, 6 last edits, the licence (JSON)
    with django_assert_num_queries(15 if fmt == "json" else 14):
        response = client.get(f"/data/inovasi.{fmt}", {"q": "inovasi"})

    assert response.content.decode("utf-8-sig").count("inovasi-") >= count


# --- The programme ----------------------------------------------------------------------------


def test_programme_files_of_the_current_and_an_archived_edition(client, festival_content):
    current = read_csv(client.get("/data/jadwal.csv"))
    archived = client.get("/2016/data/jadwal.json")

    assert current and {row["edisi"] for row in current} == {"2016"}
    assert list(current[0]) == [c.name for c in opendata.PROGRAMME_COLUMNS]
    document = json.loads(archived.content)
    assert_matches_documented_columns(document, opendata.PROGRAMME)
    assert archived["Content-Disposition"] == 'attachment; filename="jadwal-2016.json"'
    assert client.get("/1999/data/jadwal.csv").status_code == 404


def test_programme_file_is_filtered_by_kind_like_the_page(client, festival_content):
    rows = read_csv(client.get("/data/jadwal.csv", {"jenis": "workshop"}))

    assert rows and {row["jenis"] for row in rows} == {"workshop"}


def test_programme_file_of_a_draft_edition_is_not_public(client, festival_content):
    Edition.objects.create(
        year=2030,
        name="Festival",
        slug="festival-2030",
        start_date=datetime.date(2030, 12, 1),
        end_date=datetime.date(2030, 12, 2),
        organiser="Panitia",
        about="Tentang.",
    )

    assert client.get("/2030/data/jadwal.csv").status_code == 404


# --- Results ----------------------------------------------------------------------------------


def _register(phone="+6281234567890"):
    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")
    kecamatan = Kecamatan.objects.get(code="35.10.20")
    workshop_domain.register_for_workshop(
        workshop=workshop,
        full_name="Siti Aminah",
        position="Sekretaris Desa",
        office_kind="desa",
        kecamatan=kecamatan,
        village=Village.objects.filter(kecamatan=kecamatan).first(),
        phone=phone,
        consent=True,
    )


def test_results_of_a_past_edition_are_aggregate_and_personal_data_free(client, festival_content):
    workshop = Workshop.objects.get(slug="workshop-pelayanan-publik")
    with time_machine.travel("2016-12-01 10:00+07:00"):
        _register()

    with time_machine.travel(AFTER_2016):
        response = client.get("/data/hasil.csv")
        document = json.loads(client.get("/data/hasil.json", {"edisi": "2016"}).content)

    rows = read_csv(response)
    assert {
        "edisi": "2016",
        "sumber": "workshop",
        "subjek": workshop.title,
        "subjek_slug": workshop.slug,
        "ukuran": "terdaftar",
        "nilai": "1",
    } in rows
    text = response.content.decode("utf-8-sig")
    assert "Siti" not in text and "81234567890" not in text
    assert_matches_documented_columns(document, opendata.RESULTS)
    measures = {m.code for m in opendata.MEASURES}
    assert {row["ukuran"] for row in document["data"]} <= measures


def test_results_hold_no_edition_before_it_is_over(client, festival_content):
    with time_machine.travel("2016-12-15 10:00+07:00"):
        rows = read_csv(client.get("/data/hasil.csv"))

    assert rows == []


# --- The data page ----------------------------------------------------------------------------


def test_data_page_documents_every_column_in_both_languages(client, festival_content):
    response = client.get("/data/")
    page = html.unescape(response.content.decode())

    for dataset in opendata.DATASETS:
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page
            assert column.meaning_id in page and column.meaning_en in page
    assert "Panitia belum memilih lisensi untuk data ini." in page_text(response)
    assert 'href="/data/inovasi.csv"' in page and 'href="/2016/data/jadwal.json"' in page


def test_data_page_shows_the_licence_organisers_chose(client, festival_content):
    OpenDataSettings.objects.create(
        licence_name="CC BY 4.0", licence_url="https://creativecommons.org/licenses/by/4.0/"
    )

    page = client.get("/en/data/").content.decode()
    document = json.loads(client.get("/data/inovasi.json").content)

    assert 'rel="license noopener noreferrer external">CC BY 4.0</a>' in page
    assert "Open data" in page
    assert document["lisensi"] == {
        "nama": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }


def test_data_page_describes_each_dataset_for_search_engines(client, festival_content):
    page = client.get("/data/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )

    assert data["@type"] == "DataCatalog"
    assert [d["@type"] for d in data["dataset"]] == ["Dataset"] * 3
    catalogue = data["dataset"][0]
    assert catalogue["distribution"][0] == {
        "@type": "DataDownload",
        "encodingFormat": "text/csv",
        "contentUrl": "http://testserver/data/inovasi.csv"
        if catalogue["distribution"][0]["contentUrl"].startswith("http://testserver")
        else catalogue["distribution"][0]["contentUrl"],
    }
    assert catalogue["distribution"][1]["encodingFormat"] == "application/json"
    assert "dateModified" in catalogue


@pytest.mark.parametrize("count", [10, 2000])
def test_data_page_uses_the_same_number_of_queries_for_10_or_2000(
    client, django_assert_num_queries, festival_content, count
):
    _many(count)
    client.get("/")  # the current edition and the footer's years, cached as every page has

    # 6 last edits of the catalogue, the programme's, the licence, the past editions
    with django_assert_num_queries(9):
        client.get("/data/")


def test_json_schema_lists_every_documented_column(client):
    schema = json.loads(client.get("/data/inovasi.schema.json").content)

    row = schema["properties"]["data"]["items"]
    assert row["required"] == [c.name for c in opendata.INNOVATION_COLUMNS]
    assert row["properties"]["mulai_tahun"]["type"] == ["integer", "null"]
    assert client.get("/data/lain.schema.json").status_code == 404


def _survey(edition, service, *, served: int, answers: int) -> None:
    codes = [SurveyCodeFactory(edition=edition, service=service) for _ in range(served)]
    for code in codes[:answers]:
        answered([4, 4, 3, 4, 3, 4, 4, 3, 4], code=code)


def _measures(document) -> dict:
    return {(row["subjek_slug"], row["ukuran"]): row["nilai"] for row in document["data"]}


@time_machine.travel("2027-02-01 10:00+07:00")
def test_results_publish_the_survey_index_only_when_the_sample_is_enough(client):
    edition = EditionFactory()  # December 2026: over by February 2027
    enough, short = ServiceFactory(slug="kia"), ServiceFactory(slug="pbb")
    _survey(edition, enough, served=2, answers=2)
    _survey(edition, short, served=3, answers=1)

    document = json.loads(client.get("/data/hasil.json").content)

    figures = _measures(document)
    assert figures[("kia", "orang_dilayani")] == 2
    assert figures[("kia", "responden")] == 2
    assert figures[("kia", "sampel_diperlukan")] == 2
    assert figures[("kia", "ikm")] == 91.67  # the nine scores' mean, 33/9, × 25
    assert figures[("pbb", "responden")] == 1
    assert ("pbb", "ikm") not in figures
    assert (None, "ikm") not in figures  # 3 of the 5 needed for the whole edition
