"""The desk's offering per edition: every services page under an archived edition (2016, past)
and under the current one (2027, published and ahead), the results that outlive personal
data, the copy into a draft, and the sitemap."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from festival import domain as festival_domain
from festival.sitewide.groups import ORGANISERS
from services.models import Offering, Requirement, ServiceRequest
from tests.festival.factories import EditionFactory, StaffFactory, edition_2016, edition_2027
from tests.services.factories import (
    APPLICANT,
    ComplaintChannelFactory,
    OfferingFactory,
    ProcedureStepFactory,
    RequirementFactory,
    ServiceFactory,
    ServiceRequestFactory,
)

pytestmark = pytest.mark.django_db

WIB = datetime.timezone(datetime.timedelta(hours=7))
# Between the two editions: 2016 is over, 2027 (5–8 October) is ahead and current.
BETWEEN = datetime.datetime(2027, 9, 1, 10, 0, tzinfo=WIB)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def between():
    with time_machine.travel(BETWEEN, tick=False) as traveller:
        yield traveller


@pytest.fixture
def desk(db, between):
    """2016 offered KIA (Dispendukcapil) and SIUP (BPPT); 2027 offers SIUP under DPMPTSP with
    other requirements, and no KIA."""
    e2016 = edition_2016()
    e2027 = edition_2027()
    kia = ServiceFactory(name="Kartu Identitas Anak (KIA)", short_name="KIA", slug="kia")
    siup = ServiceFactory(
        name="Surat Izin Usaha Perdagangan (SIUP)",
        name_en="Trading Business Licence (SIUP)",
        short_name="SIUP",
        slug="siup",
        form_kind="siup",
    )
    kia_2016 = OfferingFactory(edition=e2016, service=kia, agency="Dispendukcapil", order=1)
    RequirementFactory(offering=kia_2016, text="KTP-el asli kedua orang tua/wali")
    siup_2016 = OfferingFactory(
        edition=e2016,
        service=siup,
        agency="Badan Pelayanan Perizinan Terpadu (BPPT)",
        agency_en="Integrated Licensing Service Agency (BPPT)",
        order=2,
    )
    RequirementFactory(offering=siup_2016, text="Fotokopi akta pendirian")
    siup_2027 = OfferingFactory(
        edition=e2027,
        service=siup,
        agency="DPMPTSP Kabupaten Banyuwangi",
        hours="08.00–16.00 WIB",
    )
    RequirementFactory(offering=siup_2027, text="NIB dari OSS")
    return {
        "2016": e2016,
        "2027": e2027,
        "kia_2016": kia_2016,
        "siup_2016": siup_2016,
        "siup_2027": siup_2027,
    }


# --- The same service, each edition's own facts -------------------------------------------------


def test_current_list_shows_the_current_editions_offering(client, desk):
    page = text(client.get("/layanan/"))

    assert "Layanan di festival 2027" in page
    assert "DPMPTSP Kabupaten Banyuwangi" in page and 'href="/layanan/siup/"' in page
    assert "BPPT" not in page and "Kartu Identitas Anak" not in page


def test_archive_list_shows_the_service_as_it_was_then_without_a_call_to_act(client, desk):
    page = text(client.get("/2016/layanan/"))

    assert "Layanan di festival 2016" in page
    assert "Badan Pelayanan Perizinan Terpadu (BPPT)" in page and "Dispendukcapil" in page
    assert 'href="/2016/layanan/siup/"' in page and 'href="/2016/layanan/kia/"' in page
    assert "DPMPTSP" not in page
    assert "ajukan permohonan terlebih dahulu" not in page and "Lacak permohonan" not in page
    assert "Arsip edisi 2016" in page


def test_current_detail_shows_2027_agency_requirements_hours_and_the_start_button(client, desk):
    page = text(client.get("/layanan/siup/"))

    assert "DPMPTSP Kabupaten Banyuwangi" in page and "NIB dari OSS" in page
    assert "5–8 Oktober 2027, 08.00–16.00 WIB" in page
    assert "Fotokopi akta pendirian" not in page and "BPPT" not in page
    assert 'href="/layanan/siup/ajukan/"' in page and "Mulai permohonan" in page


def test_archive_detail_shows_2016_agency_and_requirements_and_no_call_to_act(client, desk):
    page = text(client.get("/2016/layanan/siup/"))

    assert "Layanan di festival 2016" in page
    assert "Badan Pelayanan Perizinan Terpadu (BPPT)" in page
    assert "Fotokopi akta pendirian" in page and "NIB dari OSS" not in page
    assert "14–16 Desember 2016" in page
    assert "Mulai permohonan" not in page and "/ajukan/" not in page
    assert "Lacak permohonan" not in page and "Jam layanan akan diumumkan" not in page
    assert 'href="/2016/layanan/"' in page


def test_kia_in_2016_had_its_own_requirements_and_2027_does_not_offer_it(client, desk):
    assert "KTP-el asli kedua orang tua/wali" in text(client.get("/2016/layanan/kia/"))
    assert client.get("/layanan/kia/").status_code == 404
    assert client.get("/2027/layanan/kia/").status_code == 404


def test_archive_pages_in_english_use_the_english_agency_name(client, desk):
    page = text(client.get("/en/2016/layanan/siup/"))

    assert "Trading Business Licence (SIUP)" in page
    assert "Integrated Licensing Service Agency (BPPT)" in page
    assert "Services at the 2016 festival" in page


def test_the_current_edition_under_its_year_is_the_same_offering(client, desk):
    page = text(client.get("/2027/layanan/siup/"))

    assert "DPMPTSP Kabupaten Banyuwangi" in page
    assert 'href="/2027/layanan/siup/ajukan/"' in page
    assert 'name="applicant_name"' in text(client.get("/2027/layanan/siup/ajukan/"))


def test_unknown_year_and_unpublished_offerings_are_404(client, desk):
    desk["siup_2016"].is_published = False
    desk["siup_2016"].save()

    assert client.get("/2015/layanan/").status_code == 404
    assert client.get("/2015/layanan/siup/").status_code == 404
    assert client.get("/2016/layanan/siup/").status_code == 404


def test_a_draft_editions_desk_is_seen_only_by_organisers_in_preview(client, desk):
    draft = EditionFactory(
        slug="festival-2028",
        is_published=False,
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
    )
    OfferingFactory(edition=draft, service=desk["siup_2027"].service, agency="Dinas 2028")
    organiser = Client()
    organiser.force_login(StaffFactory(username="panitia", group=ORGANISERS))

    assert client.get("/2028/layanan/").status_code == 404
    assert client.get("/2028/layanan/siup/").status_code == 404
    preview = text(organiser.get("/2028/layanan/siup/"))
    assert "Dinas 2028" in preview and "Pratinjau" in preview
    assert '<meta name="robots" content="noindex">' in preview
    assert "Mulai permohonan" not in preview
    assert "belum dibuka" in preview


@pytest.mark.parametrize("count", [5, 100])
def test_archive_list_uses_the_same_queries_whatever_the_size(
    client, desk, count, django_assert_num_queries
):
    OfferingFactory.create_batch(count, edition=desk["2016"])
    client.get("/2016/layanan/")  # warm the current-edition cache

    with django_assert_num_queries(2):  # the edition of the year, its offerings
        response = client.get("/2016/layanan/")

    assert text(response).count('class="card"') == count + 2


@pytest.mark.parametrize("count", [5, 100])
def test_archive_detail_uses_the_same_queries_whatever_the_number_of_requirements(
    client, desk, count, django_assert_num_queries
):
    RequirementFactory.create_batch(count, offering=desk["siup_2016"])
    ProcedureStepFactory.create_batch(count, offering=desk["siup_2016"])
    ComplaintChannelFactory.create_batch(count, edition=desk["2016"])
    client.get("/2016/layanan/siup/")

    # The edition, the offering, its requirements, its steps, the edition's local channels,
    # the service's satisfaction index.
    with django_assert_num_queries(6):
        response = client.get("/2016/layanan/siup/")

    page = text(response)
    assert page.count("Persyaratan ") >= count
    assert page.count("Langkah ") == count and page.count("Saluran ") >= count


# --- Requests: only the current edition takes them -----------------------------------------------


def test_archive_request_form_says_closed_and_a_post_saves_nothing(client, desk):
    url = "/2016/layanan/siup/ajukan/"
    data = {**APPLICANT, "preferred_day": "2016-12-15", "step": "check"}

    shown = client.get(url)
    posted = client.post(url, data)
    submitted = client.post(url, {"step": "submit", "answers": "x"})

    assert shown.status_code == 200 and "Festival 2016 telah berakhir" in text(shown)
    assert 'name="applicant_name"' not in text(shown)
    assert posted.status_code == 403 and "Festival 2016 telah berakhir" in text(posted)
    assert submitted.status_code == 403
    assert not ServiceRequest.objects.exists()


def test_archive_confirmation_without_a_request_goes_back_to_the_archive_page(client, desk):
    response = client.get("/2016/layanan/siup/ajukan/terkirim/")

    assert response.status_code == 302 and response["Location"] == "/2016/layanan/siup/"


def test_a_later_published_edition_takes_no_request_before_it_is_current(client, desk):
    later = EditionFactory(
        slug="festival-2028",
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
    )
    OfferingFactory(edition=later, service=desk["siup_2027"].service)

    detail = text(client.get("/2028/layanan/siup/"))
    form = client.get("/2028/layanan/siup/ajukan/")

    assert "Mulai permohonan" not in detail and "belum dibuka" in detail
    assert "Permohonan daring untuk festival 2028 belum dibuka" in text(form)


def test_a_request_is_made_for_the_current_offering_on_a_day_of_its_edition(
    client, desk, kecamatan
):
    url = "/layanan/siup/ajukan/"
    form = text(client.get(url))
    assert 'value="2027-10-05"' in form and 'value="2027-10-08"' in form
    assert 'value="2016-12-15"' not in form
    data = {
        **APPLICANT,
        "preferred_day": "2027-10-06",
        "business_name": "UD Maju",
        "legal_form": "perorangan",
        "business_address": "Jl. Raya 2",
        "kecamatan": kecamatan.pk,
        "step": "check",
    }

    wrong_day = client.post(url, {**data, "preferred_day": "2016-12-15"})
    assert "Pilih" in text(wrong_day) and not ServiceRequest.objects.exists()
    checked = client.post(url, data)
    token = re.search(r'name="answers" value="([^"]+)"', checked.content.decode()).group(1)
    done = client.post(url, {"step": "submit", "answers": token})

    assert done.status_code == 302 and done["Location"] == "/layanan/siup/ajukan/terkirim/"
    saved = ServiceRequest.objects.get()
    assert saved.offering == desk["siup_2027"]
    assert saved.preferred_day == datetime.date(2027, 10, 6)
    assert "NIB dari OSS" in text(client.get(done["Location"]))


def test_the_domain_refuses_a_request_to_a_past_editions_offering(desk):
    from services import domain

    with pytest.raises(domain.RequestsClosed) as error:
        domain.submit_request(
            offering=desk["siup_2016"],
            applicant_name="Siti",
            nik="3510164101900001",
            phone="+6281234567890",
            details={},
            preferred_day=datetime.date(2016, 12, 15),
        )

    assert error.value.messages == ["Permohonan daring untuk festival 2016 sudah ditutup."]
    assert not ServiceRequest.objects.exists()


def test_the_domain_refuses_a_day_outside_the_offerings_edition(desk):
    from services import domain

    with pytest.raises(domain.RequestRefused):
        domain.submit_request(
            offering=desk["siup_2027"],
            applicant_name="Siti",
            nik="3510164101900001",
            phone="+6281234567890",
            details={},
            preferred_day=datetime.date(2027, 10, 9),
        )

    assert not ServiceRequest.objects.exists()


def test_tracking_finds_a_request_of_a_past_edition(client, desk):
    ServiceRequestFactory(offering=desk["kia_2016"], code="ACDE3479", status="done")

    page = text(
        client.post(reverse("services:track"), {"code": "ACDE3479", "phone": "081234567890"})
    )

    assert "Kartu Identitas Anak (KIA)" in page and "Selesai" in page
    assert "<dt>Festival</dt><dd>2016</dd>" in page


# --- The edition home: the desk's card and its results -------------------------------------------


def test_edition_home_links_to_the_editions_desk(client, desk):
    archive = text(client.get("/2016/"))
    current = text(client.get("/2027/"))

    assert 'href="/2016/layanan/"' in archive and "KIA, SIUP" in archive
    assert 'href="/2027/layanan/"' in current


def test_edition_home_has_no_desk_card_without_offerings(client, desk):
    EditionFactory(
        slug="festival-2020",
        start_date=datetime.date(2020, 10, 1),
        end_date=datetime.date(2020, 10, 2),
    )

    assert "/2020/layanan/" not in text(client.get("/2020/"))


def test_edition_home_shows_the_desks_results_once_the_edition_has_begun(client, desk):
    ServiceRequestFactory.create_batch(
        3, offering=desk["siup_2016"], status="done", preferred_day=datetime.date(2016, 12, 15)
    )
    ServiceRequestFactory(offering=desk["kia_2016"], status="rejected")
    ServiceRequestFactory(offering=desk["siup_2027"], status="submitted")

    archive = text(client.get("/2016/"))
    ahead = text(client.get("/2027/"))

    assert '<h2 id="results-title">Hasil festival</h2>' in archive
    assert "4 permohonan layanan diajukan secara daring" in archive
    assert '<th scope="row">SIUP</th><td>3</td><td>3</td><td>0</td>' in archive
    assert '<th scope="row">KIA</th><td>1</td><td>0</td><td>1</td>' in archive
    assert "results-title" not in ahead  # 2027 has not begun


def test_edition_results_on_the_page_survive_erasing_personal_data(client, desk):
    made = datetime.datetime(2016, 12, 10, 9, 0, tzinfo=WIB)
    ServiceRequestFactory.create_batch(
        2, offering=desk["siup_2016"], status="done", created_at=made, updated_at=made
    )
    ServiceRequestFactory(
        offering=desk["kia_2016"], status="ready", created_at=made, updated_at=made
    )
    table = re.compile(r"<table aria-labelledby=\"results-services-title\">.*?</table>")
    before = table.search(text(client.get("/2016/"))).group(0)

    erased = festival_domain.erase_personal_data(days=30)
    after_erasure = table.search(text(client.get("/2016/"))).group(0)

    assert erased["services.requests"] == 3
    assert not ServiceRequest.objects.exclude(nik="").exists()
    assert after_erasure == before


# --- Copying the desk into a draft ---------------------------------------------------------------


def test_copy_edition_copies_the_offering_with_requirements_and_requests_closed(desk):
    draft = festival_domain.copy_edition(
        source=desk["2027"],
        year=2028,
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
    )

    copied = Offering.objects.get(edition=draft)
    assert copied.service == desk["siup_2027"].service
    assert (copied.agency, copied.hours) == ("DPMPTSP Kabupaten Banyuwangi", "08.00–16.00 WIB")
    assert copied.requests_open is False
    assert [r.text for r in copied.requirements.all()] == ["NIB dari OSS"]
    # The source keeps its own rows.
    assert desk["siup_2027"].requirements.get().text == "NIB dari OSS"
    assert Offering.objects.get(pk=desk["siup_2027"].pk).requests_open is True
    assert Requirement.objects.count() == 4


def test_the_copier_returns_the_rows_it_made(desk):
    from services.domain import copy_offering

    draft = EditionFactory(
        slug="festival-2029",
        is_published=False,
        start_date=datetime.date(2029, 10, 3),
        end_date=datetime.date(2029, 10, 5),
    )

    assert copy_offering(source=desk["2016"], draft=draft) == 4  # 2 offerings, 2 requirements
    assert copy_offering(source=desk["2016"], draft=draft) == 0  # already there


# --- Sitemap -------------------------------------------------------------------------------------


def test_sitemap_lists_current_pages_and_the_archive_of_other_published_editions(client, desk):
    EditionFactory(
        slug="festival-2028",
        is_published=False,
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
    )
    OfferingFactory(
        edition=EditionFactory._meta.model.objects.get(year=2028),
        service=desk["siup_2027"].service,
    )

    body = client.get("/sitemap.xml").content.decode()

    locations = set(re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", body))
    assert {"/layanan/siup/", "/en/layanan/siup/"} <= locations
    assert {"/2016/layanan/", "/2016/layanan/siup/", "/2016/layanan/kia/"} <= locations
    assert "/en/2016/layanan/kia/" in locations
    assert not {loc for loc in locations if loc.startswith(("/2027/layanan", "/2028/"))}


# --- The shipped content: the 2016 edition's desk --------------------------------------------------


def test_shipped_content_is_the_2016_desk_under_the_agency_names_of_2016(
    client, festival_content, settings
):
    settings.FESTIVAL_NOW = ""  # production's clock: 2016 is a past edition
    agencies = dict(
        Offering.objects.filter(edition__year=2016).values_list("service__slug", "agency")
    )

    assert agencies == {
        "kia": "Dinas Kependudukan dan Pencatatan Sipil (Dispendukcapil) Kabupaten Banyuwangi",
        "siup": "Badan Pelayanan Perizinan Terpadu (BPPT) Kabupaten Banyuwangi",
        "tdp": "Badan Pelayanan Perizinan Terpadu (BPPT) Kabupaten Banyuwangi",
        "pbb": "Dinas Pendapatan Daerah (Dispenda) Kabupaten Banyuwangi",
        "retribusi": "Dinas Pendapatan Daerah (Dispenda) Kabupaten Banyuwangi",
    }
    # Fixture rows keep their keys: an offering has its service's pk.
    assert all(o.pk == o.service_id for o in Offering.objects.all())
    assert not Offering.objects.filter(hours__gt="").exists()  # not in the facts
    kia = text(client.get("/2016/layanan/kia/"))
    assert "KTP-el asli kedua orang tua/wali" in kia and "Pas foto anak berwarna" in kia
    assert "Mulai permohonan" not in kia
    assert "Badan Pelayanan Perizinan Terpadu (BPPT)" in text(client.get("/layanan/siup/"))


# --- The admin: organisers set up an edition's desk ----------------------------------------------


def inline_management(prefix="requirements", total=1):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_organisers_set_up_a_new_editions_desk_in_the_admin(client, desk):
    draft = EditionFactory(
        slug="festival-2028",
        is_published=False,
        start_date=datetime.date(2028, 10, 3),
        end_date=datetime.date(2028, 10, 5),
    )
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))
    data = {
        "edition": draft.pk,
        "service": desk["siup_2027"].service.pk,
        "agency": "DPMPTSP",
        "order": "1",
        "is_published": "on",
        "requests_open": "on",
        "product": "Izin usaha",
        "product_en": "Business licence",
        **inline_management(),
        "requirements-0-order": "1",
        "requirements-0-text": "NIB",
        **inline_management("steps", total=2),
        "steps-0-order": "2",
        "steps-0-text": "Terima izin di meja layanan",
        "steps-1-order": "1",
        "steps-1-text": "Serahkan berkas",
        "steps-1-text_en": "Hand in the documents",
    }

    response = client.post(reverse("admin:services_offering_add"), data)

    assert response.status_code == 302
    made = Offering.objects.get(edition=draft)
    assert made.agency == "DPMPTSP" and made.requests_open
    assert (made.product, made.product_en) == ("Izin usaha", "Business licence")
    assert [r.text for r in made.requirements.all()] == ["NIB"]
    assert [(s.text, s.text_en) for s in made.steps.order_by("order")] == [
        ("Serahkan berkas", "Hand in the documents"),
        ("Terima izin di meja layanan", ""),
    ]


def test_admin_refuses_a_second_offering_and_open_requests_without_a_form(client, desk):
    no_form = ServiceFactory(slug="langsung", form_kind="none")
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))
    base = {
        "order": "0",
        "is_published": "on",
        **inline_management(total=0),
        **inline_management("steps", total=0),
    }

    twice = client.post(
        reverse("admin:services_offering_add"),
        {
            **base,
            "edition": desk["2027"].pk,
            "service": desk["siup_2027"].service.pk,
            "agency": "X",
        },
    )
    without_form = client.post(
        reverse("admin:services_offering_add"),
        {
            **base,
            "edition": desk["2027"].pk,
            "service": no_form.pk,
            "agency": "X",
            "requests_open": "on",
        },
    )

    assert twice.status_code == 200 and "sudah ada" in text(twice)
    assert without_form.status_code == 200
    assert "tidak punya formulir permohonan daring" in text(without_form)
    assert Offering.objects.count() == 3


def test_offering_changelist_filters_by_edition(client, desk):
    client.force_login(StaffFactory(username="panitia", group=ORGANISERS))
    url = reverse("admin:services_offering_changelist")

    page = text(client.get(url, {"edition__id__exact": desk["2016"].pk}))

    assert "Badan Pelayanan Perizinan Terpadu (BPPT)" in page
    assert "DPMPTSP Kabupaten Banyuwangi" not in page
