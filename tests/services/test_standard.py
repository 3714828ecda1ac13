"""The service standard (Standar Pelayanan, PermenPANRB 15/2014; FACTS.md §10) on every service
page: its six service-delivery components in order, each filled or plainly not set, the
national complaint channel always, the local ones organisers enter per edition; editing them
in the admin, and copying them into a new edition."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from festival import domain as festival_domain
from festival.sitewide.groups import ORGANISERS
from services.domain import copy_complaint_channels, copy_offering
from services.models import ComplaintChannel, Offering, ProcedureStep
from tests.festival.factories import EditionFactory, StaffFactory, edition_2016, edition_2027
from tests.services.factories import (
    ComplaintChannelFactory,
    OfferingFactory,
    ProcedureStepFactory,
    RequirementFactory,
    ServiceFactory,
)
from tests.text import page_text

pytestmark = pytest.mark.django_db

WIB = datetime.timezone(datetime.timedelta(hours=7))
# 2016 is over, 2027 (5–8 October) is ahead and the current edition.
BETWEEN = datetime.datetime(2027, 9, 1, 10, 0, tzinfo=WIB)

COMPONENTS_ID = [
    "Persyaratan",
    "Sistem, mekanisme, dan prosedur",
    "Jangka waktu pelayanan",
    "Biaya/tarif",
    "Produk pelayanan",
    "Penanganan pengaduan, saran, dan masukan",
]
COMPONENTS_EN = [
    "Requirements",
    "System, mechanism and procedure",
    "Time frame",
    "Cost/tariff",
    "Service product",
    "Handling of complaints, suggestions and feedback",
]


def visible(html: str) -> str:
    """The text of a piece of HTML as read: inline tags dropped, block tags a space."""
    html = re.sub(r"<button\b.*?</button>", " ", html, flags=re.S)
    html = re.sub(r"</?(strong|a|span)\b[^>]*>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def components(response) -> dict[str, str]:
    """Each component's heading and its text (up to the next component), in page order."""
    html = response.content.decode()
    start = html.index('<ol class="standard__list">')
    end = html.index("</section>", start)
    parts = html[start:end].split("<h3>")[1:]
    found = {}
    for part in parts:
        heading, _sep, body = part.partition("</h3>")
        found[heading.strip()] = visible(body)
    return found


@pytest.fixture
def between():
    with time_machine.travel(BETWEEN, tick=False) as traveller:
        yield traveller


@pytest.fixture
def editions(db, between):
    e2016 = edition_2016()
    e2027 = edition_2027()
    return {"2016": e2016, "2027": e2027}


def filled_offering(edition, service):
    """An offering with every component of the standard filled, in both languages."""
    offering = OfferingFactory(
        edition=edition,
        service=service,
        agency="DPMPTSP",
        completion_time="1 hari kerja",
        completion_time_en="1 working day",
        fee="Gratis",
        fee_en="Free of charge",
        product="Izin usaha",
        product_en="Business licence",
        legal_basis="Peraturan Bupati Nomor 1",
        legal_basis_en="Regent Regulation No. 1",
    )
    RequirementFactory(offering=offering, text="Fotokopi KTP-el", text_en="A copy of the KTP-el")
    ProcedureStepFactory(
        offering=offering, order=2, text="Terima izin", text_en="Collect the licence"
    )
    ProcedureStepFactory(
        offering=offering, order=1, text="Serahkan berkas", text_en="Hand in the documents"
    )
    return offering


@pytest.fixture
def filled(editions):
    service = ServiceFactory(slug="izin", name="Izin usaha", form_kind="siup")
    ComplaintChannelFactory(
        edition=editions["2027"],
        name="Meja pengaduan",
        name_en="Complaints desk",
        contact="Di pintu masuk festival",
        contact_en="At the festival entrance",
        url="https://pengaduan.example.id/",
    )
    return {
        "2016": filled_offering(editions["2016"], service),
        "2027": filled_offering(editions["2027"], service),
    }


@pytest.fixture
def empty(editions):
    service = ServiceFactory(slug="kosong", name="Layanan kosong", form_kind="none")
    return {
        "2016": OfferingFactory(edition=editions["2016"], service=service, requests_open=False),
        "2027": OfferingFactory(edition=editions["2027"], service=service, requests_open=False),
    }


# --- The page ------------------------------------------------------------------------------------


def test_the_six_components_are_filled_in_order(client, filled):
    response = client.get("/layanan/izin/")
    parts = components(response)

    assert list(parts) == COMPONENTS_ID
    assert "Fotokopi KTP-el" in parts["Persyaratan"]
    assert parts["Sistem, mekanisme, dan prosedur"] == "Serahkan berkas Terima izin"
    assert parts["Jangka waktu pelayanan"] == "1 hari kerja"
    assert parts["Biaya/tarif"] == "Gratis"
    assert parts["Produk pelayanan"] == "Izin usaha"
    complaints = parts["Penanganan pengaduan, saran, dan masukan"]
    assert "SP4N-LAPOR!" in complaints and "lapor.go.id" in complaints
    assert "Meja pengaduan: Di pintu masuk festival" in complaints
    html = response.content.decode()
    assert '<a href="https://www.lapor.go.id/">lapor.go.id</a>' in html
    assert '<a href="https://pengaduan.example.id/">' in html
    assert '<ol class="steps"><li>Serahkan berkas</li><li>Terima izin</li></ol>' in html
    page = page_text(response)
    assert "Dasar hukum Peraturan Bupati Nomor 1" in page
    assert "Belum ditetapkan panitia" not in page


def test_the_six_components_in_english(client, filled):
    response = client.get("/en/layanan/izin/")
    parts = components(response)

    assert list(parts) == COMPONENTS_EN
    assert "Service standard" in page_text(response)
    assert "A copy of the KTP-el" in parts["Requirements"]
    assert parts["System, mechanism and procedure"] == "Hand in the documents Collect the licence"
    assert parts["Time frame"] == "1 working day"
    assert parts["Cost/tariff"] == "Free of charge"
    assert parts["Service product"] == "Business licence"
    complaints = parts["Handling of complaints, suggestions and feedback"]
    assert "SP4N-LAPOR!, the national public service complaints channel: lapor.go.id" in complaints
    assert "Complaints desk: At the festival entrance" in complaints
    assert "Legal basis Regent Regulation No. 1" in page_text(response)


def test_empty_components_say_the_organisers_have_not_set_them(client, empty):
    response = client.get("/layanan/kosong/")
    parts = components(response)

    assert list(parts) == COMPONENTS_ID
    assert parts["Persyaratan"].endswith(
        "Belum ditetapkan panitia. Tanyakan di meja layanan apa yang perlu dibawa."
    )
    assert parts["Sistem, mekanisme, dan prosedur"] == "Belum ditetapkan panitia."
    assert parts["Jangka waktu pelayanan"] == "Belum ditetapkan panitia. Tanyakan di meja layanan."
    # An unknown fee is never a number: not set, ask at the desk.
    assert parts["Biaya/tarif"] == "Belum ditetapkan panitia. Tanyakan di meja layanan."
    assert parts["Produk pelayanan"] == "Belum ditetapkan panitia."
    complaints = parts["Penanganan pengaduan, saran, dan masukan"]
    # The national channel is always there; the local list says it is not set.
    assert "SP4N-LAPOR!" in complaints
    assert complaints.endswith("Saluran setempat belum ditetapkan panitia.")
    assert "Dasar hukum" not in page_text(response)


def test_empty_components_in_english(client, empty):
    parts = components(client.get("/en/layanan/kosong/"))

    assert list(parts) == COMPONENTS_EN
    assert parts["System, mechanism and procedure"] == "Not yet set by the organisers."
    assert parts["Cost/tariff"] == "Not yet set by the organisers. Ask at the desk."
    assert parts["Service product"] == "Not yet set by the organisers."
    assert "SP4N-LAPOR!" in parts["Handling of complaints, suggestions and feedback"]
    assert parts["Handling of complaints, suggestions and feedback"].endswith(
        "Local channels: not yet set by the organisers."
    )


def test_archive_page_shows_the_editions_own_standard(client, filled):
    response = client.get("/2016/layanan/izin/")
    parts = components(response)

    assert list(parts) == COMPONENTS_ID
    assert parts["Sistem, mekanisme, dan prosedur"] == "Serahkan berkas Terima izin"
    assert parts["Produk pelayanan"] == "Izin usaha"
    complaints = parts["Penanganan pengaduan, saran, dan masukan"]
    # 2027's local channel is not 2016's; the national one is always named.
    assert "SP4N-LAPOR!" in complaints and "Meja pengaduan" not in complaints
    assert complaints.endswith("Saluran setempat tidak tercatat.")


def test_archive_page_says_an_empty_component_was_not_recorded(client, empty):
    parts = components(client.get("/2016/layanan/kosong/"))

    assert parts["Sistem, mekanisme, dan prosedur"] == "Tidak tercatat."
    assert parts["Jangka waktu pelayanan"] == "Tidak tercatat."
    assert parts["Biaya/tarif"] == "Tidak tercatat."
    assert parts["Produk pelayanan"] == "Tidak tercatat."
    # Nothing to ask at a desk that closed long ago, and nothing "not yet" set.
    assert "Tanyakan" not in " ".join(parts.values())
    assert "Belum ditetapkan" not in " ".join(parts.values())


def test_archive_page_in_english(client, empty):
    parts = components(client.get("/en/2016/layanan/kosong/"))

    assert list(parts) == COMPONENTS_EN
    assert parts["Service product"] == "Not recorded."
    assert parts["Handling of complaints, suggestions and feedback"].endswith(
        "No local channel was recorded."
    )


def test_the_shipped_2016_content_names_each_services_product(client, festival_content):
    with time_machine.travel(datetime.datetime(2016, 12, 1, 10, 0, tzinfo=WIB), tick=False):
        kia = components(client.get("/2016/layanan/kia/"))
        pbb = components(client.get("/en/2016/layanan/pbb/"))
        levy = components(client.get("/2016/layanan/retribusi/"))

    assert kia["Produk pelayanan"] == "Kartu Identitas Anak (KIA)"
    # KIA's fee is not in our sources as a confirmed fact: it stays "ask at the desk".
    assert kia["Biaya/tarif"] == "Belum ditetapkan panitia. Tanyakan di meja layanan."
    assert kia["Sistem, mekanisme, dan prosedur"] == "Belum ditetapkan panitia."
    assert pbb["Service product"] == "STTS (payment receipt) as proof of the PBB-P2 payment"
    assert levy["Produk pelayanan"] == "Belum ditetapkan panitia."


# --- The admin -----------------------------------------------------------------------------------


def channel_form(edition, **changes):
    data = {
        "edition": edition.pk,
        "name": "Meja pengaduan",
        "name_en": "",
        "contact": "Di pintu masuk festival",
        "contact_en": "",
        "url": "",
        "order": "0",
    }
    data.update(changes)
    return data


def test_organisers_add_a_local_channel_that_the_editions_pages_show(client, editions):
    OfferingFactory(edition=editions["2027"], service=ServiceFactory(slug="izin"))
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))

    response = client.post(
        reverse("admin:services_complaintchannel_add"),
        channel_form(editions["2027"], url="pengaduan.example.id/lapor"),
    )

    assert response.status_code == 302
    channel = ComplaintChannel.objects.get()
    # A link typed without its scheme is taken as https.
    assert channel.url == "https://pengaduan.example.id/lapor"
    client.logout()
    page = components(client.get("/layanan/izin/"))
    assert "Meja pengaduan: Di pintu masuk festival" in page[COMPONENTS_ID[-1]]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://pengaduan.example.id/", "data:text/html,hai", "https://"],
)
def test_a_channel_link_must_be_a_web_address(client, editions, url):
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))

    response = client.post(
        reverse("admin:services_complaintchannel_add"), channel_form(editions["2027"], url=url)
    )

    assert response.status_code == 200
    assert not ComplaintChannel.objects.exists()
    page = page_text(response)
    assert (
        "Masukkan alamat web lengkap yang diawali http:// atau https://." in page
        or "Masukkan URL yang valid." in page
    )


def test_a_channel_needs_a_contact_or_a_link(client, editions):
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))

    response = client.post(
        reverse("admin:services_complaintchannel_add"), channel_form(editions["2027"], contact="")
    )

    assert response.status_code == 200
    assert "Isi cara menghubungi, tautan, atau keduanya." in page_text(response)
    assert not ComplaintChannel.objects.exists()


def test_the_model_refuses_a_link_that_is_not_http(editions):
    channel = ComplaintChannel(edition=editions["2027"], name="X", url="ftp://example.id/")

    with pytest.raises(ValidationError) as refused:
        channel.full_clean()
    assert refused.value.message_dict["url"] == [
        "Masukkan alamat web lengkap yang diawali http:// atau https://."
    ]
    # And the database, for rows that skip validation (fixtures, scripts).
    with pytest.raises(IntegrityError):
        ComplaintChannel.objects.create(
            edition=editions["2027"], name="X", url="javascript:alert(1)"
        )


def test_organisers_edit_the_steps_and_product_of_an_offering(client, filled):
    offering = filled["2027"]
    step = offering.steps.order_by("order").first()
    requirement = offering.requirements.get()
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))
    url = reverse("admin:services_offering_change", args=[offering.pk])

    page = client.get(url).content.decode()
    assert 'name="product"' in page and 'name="steps-0-text"' in page

    response = client.post(
        url,
        {
            "edition": offering.edition.pk,
            "service": offering.service.pk,
            "agency": offering.agency,
            "order": "0",
            "is_published": "on",
            "requests_open": "on",
            "completion_time": offering.completion_time,
            "fee": offering.fee,
            "product": "Izin usaha dan salinannya",
            "requirements-TOTAL_FORMS": "1",
            "requirements-INITIAL_FORMS": "1",
            "requirements-0-id": requirement.pk,
            "requirements-0-offering": offering.pk,
            "requirements-0-order": "0",
            "requirements-0-text": requirement.text,
            "steps-TOTAL_FORMS": "3",
            "steps-INITIAL_FORMS": "2",
            "steps-0-id": step.pk,
            "steps-0-offering": offering.pk,
            "steps-0-order": "1",
            "steps-0-text": step.text,
            "steps-0-DELETE": "on",
            "steps-1-id": offering.steps.order_by("order").last().pk,
            "steps-1-offering": offering.pk,
            "steps-1-order": "2",
            "steps-1-text": "Terima izin",
            "steps-2-order": "3",
            "steps-2-text": "Isi survei kepuasan",
        },
    )

    assert response.status_code == 302
    offering.refresh_from_db()
    assert offering.product == "Izin usaha dan salinannya"
    assert [s.text for s in offering.steps.order_by("order")] == [
        "Terima izin",
        "Isi survei kepuasan",
    ]


# --- Copying into a new edition ------------------------------------------------------------------


def test_copy_edition_copies_the_standard_and_the_local_channels(filled, editions):
    draft = festival_domain.copy_edition(
        source=editions["2027"],
        year=2028,
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
    )

    copied = Offering.objects.get(edition=draft)
    assert (copied.product, copied.product_en) == ("Izin usaha", "Business licence")
    assert [(s.text, s.text_en) for s in copied.steps.order_by("order")] == [
        ("Serahkan berkas", "Hand in the documents"),
        ("Terima izin", "Collect the licence"),
    ]
    channel = ComplaintChannel.objects.get(edition=draft)
    assert (channel.name, channel.contact, channel.url) == (
        "Meja pengaduan",
        "Di pintu masuk festival",
        "https://pengaduan.example.id/",
    )
    # The source keeps its own rows.
    assert filled["2027"].steps.count() == 2
    assert ComplaintChannel.objects.filter(edition=editions["2027"]).count() == 1
    assert ProcedureStep.objects.count() == 6


def test_the_copiers_return_the_rows_they_made_and_copy_once(filled, editions):
    draft = EditionFactory(
        slug="festival-2029",
        is_published=False,
        start_date=datetime.date(2029, 10, 3),
        end_date=datetime.date(2029, 10, 5),
    )

    # One offering, one requirement, two steps.
    assert copy_offering(source=editions["2027"], draft=draft) == 4
    assert copy_offering(source=editions["2027"], draft=draft) == 0
    assert copy_complaint_channels(source=editions["2027"], draft=draft) == 1
    assert copy_complaint_channels(source=editions["2027"], draft=draft) == 0
    assert ComplaintChannel.objects.filter(edition=draft).count() == 1


# --- The service's satisfaction index --------------------------------------------------------


def _survey(edition, service, *, served, answered_scores):
    """`served` codes for the service at `edition`, the first ones answered with each scores
    row of `answered_scores`."""
    from tests.survey.response_factories import SurveyCodeFactory, answered

    codes = [SurveyCodeFactory(edition=edition, service=service) for _ in range(served)]
    for code, scores in zip(codes, answered_scores, strict=False):
        answered(scores, code=code)


def test_the_services_index_shows_once_its_sample_is_enough(client, filled):
    offering = filled["2027"]
    # Two people served: the target is 2 (Krejcie & Morgan). One answer is not enough.
    _survey(offering.edition, offering.service, served=2, answered_scores=[[4] * 9])
    url = reverse("services:detail", kwargs={"slug": offering.service.slug})

    assert "Indeks kepuasan masyarakat untuk layanan ini" not in page_text(client.get(url))

    from services.survey.models import SurveyCode

    code = SurveyCode.objects.filter(response__isnull=True).get()
    from tests.survey.response_factories import answered

    answered([3] * 9, code=code)
    page = visible(client.get(url).content.decode())

    # (4 + 3) / 2 = 3,5 per element; IKM 3,5 × 25 = 87,50: B (Baik).
    assert (
        "Indeks kepuasan masyarakat untuk layanan ini: 87,50, mutu B (Baik), dari 2 responden."
        in page
    )


def test_an_archive_service_page_shows_that_editions_index(client, filled):
    past = filled["2016"]
    _survey(past.edition, past.service, served=1, answered_scores=[[4] * 9])
    _survey(filled["2027"].edition, past.service, served=1, answered_scores=[[1] * 9])

    archive = visible(
        client.get(
            reverse("services:detail", kwargs={"year": 2016, "slug": past.service.slug})
        ).content.decode()
    )

    assert "Indeks kepuasan masyarakat untuk layanan ini: 100,00, mutu A (Sangat Baik)" in archive
