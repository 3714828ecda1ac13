"""The booth map in a real browser: an organiser places a booth by clicking the plan in the
admin; a resident on a phone finds the SAKINA booth on /peta/; axe-core on the map in both
languages."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission, User

from festival.models import Booth, Edition
from innovations.models import Exhibit
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible
from tests.festival.factories import booth_plan, place_booths

PASSWORD = "sandi-panitia-uji-2026"


@pytest.fixture
def organiser(site):
    group, _ = Group.objects.get_or_create(name="Panitia")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="festival", content_type__model__in=["boothplan", "booth"]
        )
    )
    user = User.objects.create_user("panitia", password=PASSWORD, is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def plan(site):
    return booth_plan(Edition.objects.get(), size=(1600, 1000), alt="Denah halaman Lounge Pemkab")


@pytest.fixture
def sakina_at_booth_7(plan):
    """Twelve booths (no source gives the real ones: these are the test's), SAKINA at 7."""
    booths = place_booths(plan, 12)
    exhibit = Exhibit.objects.get(innovation__slug="sakina")
    exhibit.booth_place = booths[6]
    exhibit.save()
    return booths[6]


def test_organiser_places_a_booth_by_clicking_the_plan(site, organiser, plan, new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(f"{site.url}/admin/login/?next=/admin/festival/boothplan/{plan.pk}/change/")
    page.fill("#id_username", "panitia")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    page.fill("#id_booths-0-number", "1")
    page.fill("#id_booths-0-label", "Meja layanan KIA")
    image = page.locator("[data-placer] img")
    image.scroll_into_view_if_needed()
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.6})

    assert page.locator("[data-placer-status]").inner_text().startswith("Stan 1 ditempatkan")
    assert page.locator(".booth-placer__marker").count() == 1
    x = float(page.input_value("#id_booths-0-x"))
    y = float(page.input_value("#id_booths-0-y"))
    assert abs(x - 25) < 1 and abs(y - 60) < 1
    page.click("input[name=_continue]")
    page.wait_for_load_state("load")

    booth = Booth.objects.get(plan=plan)
    assert (booth.number, booth.label) == (1, "Meja layanan KIA")
    assert abs(booth.x - Decimal("0.25")) < Decimal("0.01")
    assert abs(booth.y - Decimal("0.6")) < Decimal("0.01")
    # The second booth goes into the next empty row.
    page.fill("#id_booths-1-number", "2")
    page.fill("#id_booths-1-label", "Panggung")
    box = image.bounding_box()
    page.locator("[data-placer] img").click(position={"x": box["width"] * 0.9, "y": 10})
    assert float(page.input_value("#id_booths-1-x")) > 85


def test_resident_on_a_phone_finds_the_sakina_booth_and_its_place(
    site, sakina_at_booth_7, new_page
):
    page = new_page(viewport=PHONE)
    page.goto(f"{site.url}/peta/")

    # The plan fits the phone's width, no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    plan = page.locator(".booth-map__svg").bounding_box()
    assert plan["width"] <= PHONE["width"] and plan["height"] > 100
    # The marker of booth 7 leads to its entry in the list, which names SAKINA.
    page.locator(".booth-map__svg").get_by_role("link", name="Stan 7: Stan uji 7").click()
    assert page.url.endswith("#stan-7")
    entry = page.locator("#stan-7")
    assert "SAKINA" in entry.inner_text()
    # And from the innovation's page, its small map leads back to the booth.
    entry.get_by_role("link", name="SAKINA").click()
    page.wait_for_load_state("load")
    assert page.locator(".booth-map__crop svg").is_visible()
    page.get_by_role("link", name="Stan 7 di peta stan").click()
    assert page.url.endswith("/peta/#stan-7")


@pytest.mark.parametrize("path", ["/peta/", "/en/peta/", "/peta/7/"])
def test_map_has_no_accessibility_violation_on_a_phone(site, sakina_at_booth_7, new_page, path):
    page = new_page(viewport=PHONE, locale="en-GB" if path.startswith("/en/") else "id-ID")
    page.goto(f"{site.url}{path}")

    assert page.locator(".booth-map__svg image").count() == 1
    assert_accessible(page, context="(booth map, phone)")
    # Keyboard: a marker takes the focus, visibly.
    page.locator(".booth-map__link").first.focus()
    stroke = page.evaluate(
        "getComputedStyle(document.querySelector('.booth-map__link circle')).strokeWidth"
    )
    assert stroke == "5px"


@pytest.mark.parametrize("path", ["/peta/", "/en/peta/"])
def test_map_without_a_plan_has_no_accessibility_violation(site, new_page, path):
    page = new_page(viewport=PHONE)
    page.goto(f"{site.url}{path}")

    assert page.locator(".notice").is_visible()
    assert_accessible(page, context="(booth map without a plan)")


def test_map_prints_on_one_a4_page_with_30_booths(site, plan, new_page):
    booths = place_booths(plan, 30)
    for exhibit, booth in zip(Exhibit.objects.order_by("pk"), booths, strict=False):
        exhibit.booth_place = booth
        exhibit.save()
    page = new_page(viewport=DESKTOP)
    page.goto(f"{site.url}/peta/")
    page.emulate_media(media="print")

    pdf = page.pdf(format="A4", print_background=True)

    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, "the plan and its list should fit one A4 page"
    # Without the print layout the same map takes more than one page.
    page.emulate_media(media="screen")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", page.pdf(format="A4"))) > 1
