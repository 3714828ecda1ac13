"""Links the site builds stay on the site (issue 11, points 2 and 9): language links and
organisers' paths never become protocol-relative, and absolute links come from SITE_URL."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from festival.sitewide.links import absolute_url, local_path

pytestmark = pytest.mark.django_db

# What the server hands Django as the path (PATH_INFO, already percent-decoded) for request
# lines such as `GET //evil.com/`, `GET /\evil.com` or `GET /%2F%2Fevil.com/`.
HOSTILE_PATHS = [
    "//evil.com/",
    "//evil.com",
    "/\\evil.com",
    "/\\/evil.com/",
    "///evil.com/",
    "/\t/evil.com/",
    "//evil.com/en/",
]


def _links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)" hreflang=', html) + re.findall(
        r'<link rel="alternate" hreflang="[^"]+" href="([^"]*)"', html
    )


def _off_site(url: str, site: str) -> bool:
    url = url.replace("\t", "").replace("\n", "").replace("\\", "/")
    return not (url.startswith(site) or (url.startswith("/") and not url.startswith("//")))


@pytest.mark.parametrize("path_info", HOSTILE_PATHS)
def test_language_links_on_a_hostile_path_stay_on_the_site(client, festival_content, path_info):
    response = client.get("/", PATH_INFO=path_info)

    links = _links(response.content.decode())
    assert response.status_code == 404
    assert len(links) == 3  # the switcher's link to English, and both hreflang alternates
    assert [url for url in links if _off_site(url, "http://testserver/")] == []


def test_language_links_on_an_unknown_path_keep_the_path(client, festival_content):
    response = client.get("/tidak-ada/")

    assert _links(response.content.decode()) == [
        "/tidak-ada/",
        "http://testserver/tidak-ada/",
        "http://testserver/tidak-ada/",
    ]


def test_language_links_translate_a_page_of_the_site(client, festival_content):
    html = client.get("/jadwal/?jenis=workshop").content.decode()

    assert 'href="/en/jadwal/?jenis=workshop" hreflang="en"' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/jadwal/">' in html


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/workshop/", "/en/workshop/"),
        ("//evil.com/", "/evil.com/"),
        ("/\\evil.com", "/evil.com"),
        ("///evil.com/workshop/", "/evil.com/workshop/"),
        ("https://evil.com/", "/https://evil.com/"),
    ],
)
def test_site_path_is_always_a_path_on_this_site(path, expected):
    template = Template("{% load sitewide %}{{ path|site_path }}")

    with translation.override("en"):
        rendered = template.render(Context({"path": path}))

    assert rendered == expected


def test_local_path_collapses_every_way_to_write_a_second_slash():
    assert [local_path(p) for p in HOSTILE_PATHS] == [
        "/evil.com/",
        "/evil.com",
        "/evil.com",
        "/evil.com/",
        "/evil.com/",
        "/evil.com/",
        "/evil.com/en/",
    ]


def test_absolute_urls_are_built_from_site_url(settings):
    settings.SITE_URL = "https://festival.example.go.id/"

    assert absolute_url("/jadwal/") == "https://festival.example.go.id/jadwal/"
    assert absolute_url("//evil.com/") == "https://festival.example.go.id/evil.com/"
    assert absolute_url("https://cdn.example.go.id/a.webp") == "https://cdn.example.go.id/a.webp"
