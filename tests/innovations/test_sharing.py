"""Sharing an innovation (issue 16, point 5): its short link in the WhatsApp message, Open
Graph tags for the preview, and its booth on a small crop of the plan."""

from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from festival.models import Booth
from innovations import domain
from innovations.models import Photo, Theme
from tests.festival.factories import EditionFactory, booth_plan
from tests.innovations import images
from tests.innovations.factories import ExhibitFactory, InnovationFactory

pytestmark = pytest.mark.django_db


def test_innovation_page_shares_its_short_link(client):
    innovation = InnovationFactory(name="SAKINA", slug="sakina")

    page = client.get("/inovasi/sakina/").content.decode()

    short = f"http://testserver/i/{innovation.pk}/"
    assert f'<a href="{short}">{short}</a>' in page
    assert f"https://wa.me/?text=SAKINA%3A%20http%3A//testserver/i/{innovation.pk}/" in page


def test_open_graph_uses_the_photo_rendition(client):
    innovation = InnovationFactory(name="SAKINA", slug="sakina", summary="Layanan gizi balita.")
    photo = domain.save_photo(
        photo=Photo(innovation=innovation, alt="Kader menimbang balita"),
        image=domain.check_photo(images.jpeg(size=(1200, 800))),
    )

    page = client.get("/inovasi/sakina/").content.decode()

    assert '<meta property="og:title" content="SAKINA">' in page
    assert '<meta property="og:description" content="Layanan gizi balita.">' in page
    assert f'<meta property="og:url" content="http://testserver/i/{innovation.pk}/">' in page
    assert f'<meta property="og:image" content="http://testserver{photo.image_medium.url}">' in page
    assert '<meta property="og:image:width" content="960">' in page
    assert '<meta property="og:image:height" content="640">' in page
    assert '<meta property="og:image:alt" content="Kader menimbang balita">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page


def test_open_graph_without_a_photo_uses_the_theme_icon(client):
    innovation = InnovationFactory(slug="tanpa-foto")

    page = client.get("/inovasi/tanpa-foto/").content.decode()

    icon = f"http://testserver/static/img/themes/{innovation.theme.icon}-share.png"
    assert f'<meta property="og:image" content="{icon}">' in page
    assert '<meta property="og:image:width" content="1200">' in page


@pytest.mark.parametrize("icon", [choice for choice, _ in Theme.Icon.choices])
def test_every_theme_icon_has_a_png_for_link_previews(icon):
    path = finders.find(f"img/themes/{icon}-share.png")

    assert path is not None
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


def test_open_graph_in_english(client):
    InnovationFactory(slug="sakina", name="SAKINA", summary="Ringkas.", summary_en="In short.")

    page = client.get("/en/inovasi/sakina/").content.decode()

    assert '<meta property="og:description" content="In short.">' in page
    assert '<meta property="og:locale" content="en_GB">' in page


def test_innovation_page_shows_its_booth_on_a_crop_of_the_plan(client):
    edition = EditionFactory()
    plan = booth_plan(edition, size=(1000, 800))
    booth = Booth.objects.create(
        plan=plan, number=4, label="Dinkes", x=Decimal("0.5"), y=Decimal("0.5")
    )
    ExhibitFactory(edition=edition, innovation=InnovationFactory(slug="sakina"), booth_place=booth)

    page = client.get("/inovasi/sakina/").content.decode()

    assert 'viewBox="300 250 400 300"' in page
    assert f'<image href="{plan.image.url}" width="1000" height="800"' in page
    assert '<a href="/peta/#stan-4" aria-label="Stan 4: Dinkes"' in page
    assert '<a href="/peta/#stan-4">Stan 4: Dinkes</a>' in page
    assert "css/booth_map.css" in page


def test_innovation_page_without_a_booth_loads_no_map(client):
    ExhibitFactory(innovation=InnovationFactory(slug="sakina"), booth="A-3")

    page = client.get("/inovasi/sakina/").content.decode()

    assert "<svg" not in page and "booth_map.css" not in page
    assert "Stan A-3" in page
