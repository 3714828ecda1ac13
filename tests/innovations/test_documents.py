"""What a replicating office needs (issue #16): the "for replication" details on an
innovation's page, and the PDF documents organisers attach."""

import os

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations import domain
from innovations.models import ReplicationDocument
from tests.innovations import images
from tests.innovations.factories import InnovationFactory
from tests.innovations.test_admin import innovation_form
from tests.text import page_text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name="sop.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_check_document_accepts_a_pdf_by_its_first_bytes():
    domain.check_document(pdf(name="tanpa-akhiran", content_type="application/octet-stream"))


def test_check_document_refuses_an_image_named_pdf():
    with pytest.raises(ValidationError) as error:
        domain.check_document(images.jpeg(name="sk.pdf"))

    assert error.value.code == "not_pdf"


def test_check_document_refuses_a_file_over_the_limit():
    big = pdf(content=PDF + b"0" * domain.DOCUMENT_MAX_BYTES)

    with pytest.raises(ValidationError) as error:
        domain.check_document(big)

    assert error.value.code == "too_large"
    assert "10 MB" in error.value.messages[0]


def _document(innovation, **fields) -> ReplicationDocument:
    return domain.save_document(
        document=ReplicationDocument(
            innovation=innovation, title="SOP Lahir Procot", kind="sop", **fields
        ),
        upload=pdf(),
    )


def test_page_shows_replication_details_and_documents_where_filled(client):
    innovation = InnovationFactory(
        started_year=2013,
        status_year=2016,
        implementing_unit="Bidang Pelayanan Pencatatan Sipil",
        legal_basis="Peraturan Bupati Nomor 1 Tahun 2013",
        contact_office="Dispendukcapil Banyuwangi",
        contact_email="dispendukcapil@example.go.id",
    )
    document = _document(innovation)

    response = client.get(innovation.get_absolute_url())
    text = page_text(response)

    assert "Untuk direplikasi" in text
    assert "Unit pelaksana Bidang Pelayanan Pencatatan Sipil" in text
    assert "Mulai 2013" in text
    assert "Berjalan (per 2016)" in text
    assert "Dasar hukum Peraturan Bupati Nomor 1 Tahun 2013" in text
    assert "Dispendukcapil Banyuwangi dispendukcapil@example.go.id" in text
    assert "SOP Lahir Procot (SOP (prosedur operasional standar), PDF," in text
    assert f'href="{document.file.url}" download' in response.content.decode()


def test_page_leaves_out_the_replication_section_when_nothing_is_filled(client):
    innovation = InnovationFactory(started_year=2013, status_year=2016)

    assert "Untuk direplikasi" not in page_text(client.get(innovation.get_absolute_url()))


def test_english_page_shows_the_english_legal_basis(client):
    innovation = InnovationFactory(
        legal_basis="Keputusan Bupati", legal_basis_en="Decree of the Regent"
    )

    text = page_text(client.get(f"/en{innovation.get_absolute_url()}"))

    assert "For replication" in text and "Legal basis Decree of the Regent" in text


def test_document_is_stored_under_a_random_name_and_served_as_a_download(client):
    document = _document(InnovationFactory())

    assert document.file.name.startswith("innovations/dokumen/")
    assert document.size == len(PDF)
    response = client.get(document.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_deleting_a_document_removes_its_file(django_capture_on_commit_callbacks):
    document = _document(InnovationFactory())
    path = os.path.join(settings.MEDIA_ROOT, document.file.name)
    assert os.path.exists(path)

    with django_capture_on_commit_callbacks(execute=True):
        domain.delete_document(document=document)

    assert not os.path.exists(path)
    assert not ReplicationDocument.objects.exists()


def _with_document(upload, **overrides):
    return innovation_form(
        **{
            "photos-TOTAL_FORMS": "0",
            "documents-TOTAL_FORMS": "1",
            "documents-0-title": "SK Bupati",
            "documents-0-title_en": "",
            "documents-0-kind": "sk",
            "documents-0-order": "0",
            "documents-0-upload": upload,
            "contact_office": "Bagian Organisasi",
            "contact_phone": "(0333) 000000",
            **overrides,
        }
    )


def test_organiser_attaches_a_pdf_in_the_admin(client, organiser):
    response = client.post("/admin/innovations/innovation/add/", _with_document(pdf()))

    assert response.status_code == 302, response.content.decode()[:3000]
    document = ReplicationDocument.objects.get()
    assert document.innovation.contact_office == "Bagian Organisasi"
    assert document.kind == "sk" and document.size == len(PDF)


def test_admin_refuses_a_document_that_is_not_a_pdf_and_saves_nothing(client, organiser):
    response = client.post(
        "/admin/innovations/innovation/add/", _with_document(images.jpeg(name="sk.pdf"))
    )

    assert response.status_code == 200
    assert "Berkas ini bukan PDF." in response.content.decode()
    assert not ReplicationDocument.objects.exists()


def test_admin_says_the_contact_is_an_office_channel(client, organiser):
    page = client.get("/admin/innovations/innovation/add/").content.decode()

    assert "kanal kantor, bukan nomor pribadi" in page
