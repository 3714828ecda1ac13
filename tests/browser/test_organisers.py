"""Organisers at work, in a real browser: adding an innovation with a photo in the admin and
checking a participant in at the door by opening the ticket's QR link on a phone."""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from PIL import Image

from tests.browser.conftest import DESKTOP, PHONE

PASSWORD = "sandi-panitia-uji-2026"


@pytest.fixture
def organiser(site):
    """A staff account whose rights come only from an organisers' group (rebuilt here: the
    live-server tests empty the tables, groups from data migrations included)."""
    group, _ = Group.objects.get_or_create(name="Panitia")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["innovations", "workshops"]).exclude(
            codename__startswith="delete_registration"
        )
    )
    user = User.objects.create_user("panitia", password=PASSWORD, is_staff=True)
    user.groups.add(group)
    return user


def log_in(page, base_url, next_path):
    page.goto(f"{base_url}/admin/login/?next={next_path}")
    page.fill("#id_username", "panitia")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def choose(page, field, text):
    """Pick an option in a plain select or in the admin's autocomplete widget."""
    select = page.locator(f"#id_{field}")
    if "admin-autocomplete" in (select.get_attribute("class") or ""):
        page.click(f"#id_{field} + .select2 .select2-selection")
        page.keyboard.type(text)
        page.wait_for_selector(".select2-results__option--highlighted")
        page.keyboard.press("Enter")
    else:
        select.select_option(label=text)


def test_organiser_adds_an_innovation_with_a_photo_and_sees_it_on_the_site(
    site, organiser, new_page, tmp_path
):
    photo = tmp_path / "stan.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # taken sideways
    exif.get_ifd(0x8825)[2] = (8.0, 13.0, 0.0)  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (20, 110, 80)).save(buffer, "JPEG", exif=exif)
    photo.write_bytes(buffer.getvalue())
    page = new_page(viewport=DESKTOP)
    log_in(page, site.url, "/admin/innovations/innovation/add/")

    page.fill("#id_name", "Layanan Uji Panitia")
    choose(page, "agency", "Puskesmas Sempu")
    choose(page, "theme", "Kesehatan")
    page.fill("#id_summary", "Ringkasan yang ditulis panitia.")
    page.fill("#id_description", "Keterangan lengkap dari panitia.")
    page.set_input_files("input[type=file][name$='-0-upload']", str(photo))
    page.fill("input[name$='-0-alt']", "Stan pameran dengan spanduk hijau")
    page.click("input[name=_save]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/admin/innovations/innovation/"), page.locator(
        "#content"
    ).inner_text()[:500]
    assert "Layanan Uji Panitia" in page.locator("#result_list").inner_text()

    page.goto(f"{site.url}/inovasi/?q=Uji+Panitia")
    page.get_by_role("link", name="Layanan Uji Panitia").click()

    assert page.locator("h1").inner_text() == "Layanan Uji Panitia"
    image = page.get_by_alt_text("Stan pameran dengan spanduk hijau").first
    src = image.get_attribute("src")
    assert src.endswith(".webp")
    # Upright: the sideways photo is now taller than wide.
    assert int(image.get_attribute("height")) > int(image.get_attribute("width"))
    assert page.request.get(site.url + src).status == 200


def test_steward_checks_in_a_participant_by_opening_the_ticket_on_a_phone(
    site, organiser, new_page, settings
):
    from festival.sitewide.models import Kecamatan
    from workshops import domain
    from workshops.models import Workshop

    kecamatan = Kecamatan.objects.get(name="Sempu")
    # The rehearsal clock in the 2016 edition's run-up, while its workshop takes registrations.
    settings.FESTIVAL_NOW = "2016-12-01T10:00+07:00"
    result = domain.register_for_workshop(
        workshop=Workshop.objects.get(),
        full_name="Siti Aminah",
        position="Sekretaris Desa",
        office_kind="desa",
        kecamatan=kecamatan,
        village=kecamatan.villages.get(name="Jambewangi"),
        phone="+6281234567001",
        consent=True,
    )
    ticket_path = result.registration.get_absolute_url()
    page = new_page(viewport=PHONE)
    log_in(page, site.url, ticket_path)

    page.get_by_role("button", name="Catat hadir").click()

    assert "Siti Aminah dicatat hadir." in page.locator("main").inner_text()
    assert "Hadir (dicatat" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Catat hadir").count() == 0
    result.registration.refresh_from_db()
    assert result.registration.checked_in_at is not None


def test_organiser_creates_previews_and_publishes_the_2027_edition(site, new_page):
    """The next edition from the admin, without a developer: copy 2016 into a 2027 draft,
    preview it, publish it; the home page switches to 2027 and /2016/ stays as it was."""
    group, _ = Group.objects.get_or_create(name="Panitia")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["festival", "innovations", "workshops", "services"]
        )
    )
    User.objects.create_user("panitia", password=PASSWORD, is_staff=True).groups.add(group)
    visitor = new_page(viewport=PHONE)
    visitor.goto(f"{site.url}/2016/")
    archive_before = visitor.locator("main").inner_text()
    page = new_page(viewport=DESKTOP)
    log_in(page, site.url, "/admin/festival/edition/")

    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "copy_to_draft")
    page.click("button[name=index]")
    page.fill("#id_year", "2027")
    page.fill("#id_start_date", "2027-12-13")
    page.fill("#id_end_date", "2027-12-16")
    page.click("input[type=submit][value='Buat draf']")

    assert (
        "Edisi 2027 dibuat sebagai draf dari edisi 2016"
        in page.locator(".messagelist").inner_text()
    )
    visitor.goto(f"{site.url}/2027/")
    assert "Halaman tidak ditemukan" in visitor.locator("main").inner_text()
    page.goto(f"{site.url}/2027/")
    assert "Pratinjau: edisi 2027 belum tayang." in page.locator("body").inner_text()
    page.go_back()

    page.check("#id_is_published")
    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")
    assert "Isi nama tempat festival." in page.locator("#content").inner_text()
    page.fill("#id_venue_name", "Gesibu Blambangan")
    page.check("#id_is_published")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    visitor.goto(f"{site.url}/")
    home = visitor.locator("main").inner_text()
    assert "13–16 Desember 2027" in home
    assert "Gesibu Blambangan" in home
    assert "Festival dimulai" in home
    visitor.goto(f"{site.url}/2016/")
    assert visitor.locator("main").inner_text() == archive_before
