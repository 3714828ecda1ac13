"""Page weight and what a page makes the browser fetch: the site's budgets are HTML under
50 KB per page and all CSS and JS together under 30 KB, nothing from another host."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

HTML_BUDGET = 50 * 1024
CSS_JS_BUDGET = 30 * 1024
# <link rel> values that make a browser fetch (or connect to) the href.
FETCHING_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
}


class Resources(HTMLParser):
    """What a browser would fetch for the page: stylesheets, scripts, images, icons, and the
    hosts it would connect to ahead of time."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.images, self.fetched = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rels = set((attrs.get("rel") or "").lower().split())
        if tag == "link" and rels & FETCHING_RELS:
            self.fetched.append(attrs["href"])
            if "stylesheet" in rels:
                self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
            self.fetched.append(attrs["src"])
        elif tag in ("img", "source", "iframe", "video", "audio", "embed"):
            self.images.append(attrs)
            for key in ("src", "srcset"):
                if attrs.get(key):
                    self.fetched.extend(u.strip().split(" ")[0] for u in attrs[key].split(","))


def parse(response) -> Resources:
    resources = Resources()
    resources.feed(response.content.decode())
    return resources


def static_size(url: str) -> int:
    path = finders.find(url.removeprefix("/static/"))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as fh:
        return len(fh.read())


def test_every_page_type_stays_within_the_budgets(client, pages):
    report = {}
    for name, url in pages.items():
        response = client.get(url)
        resources = parse(response)
        css_js = sum(static_size(u) for u in resources.stylesheets + resources.scripts)
        report[name] = (len(response.content), css_js)

    over = {
        name: sizes
        for name, sizes in report.items()
        if sizes[0] >= HTML_BUDGET or sizes[1] >= CSS_JS_BUDGET
    }
    assert over == {}, report


def test_no_page_makes_the_browser_fetch_from_another_host(client, pages):
    foreign = {}
    for name, url in pages.items():
        resources = parse(client.get(url))
        outside = [
            u for u in resources.fetched if re.match(r"^(https?:)?//", u) or u.startswith("http")
        ]
        if outside:
            foreign[name] = outside

    assert foreign == {}


def test_stylesheets_load_no_web_fonts_and_nothing_from_elsewhere():
    for css in ("css/site.css", "css/print.css"):
        with open(finders.find(css), encoding="utf-8") as fh:
            text = fh.read()
        assert "@font-face" not in text
        assert "@import" not in text
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)


def test_stylesheets_are_well_formed_so_no_section_falls_into_a_media_query():
    for css in ("css/site.css", "css/print.css"):
        with open(finders.find(css), encoding="utf-8") as fh:
            text = re.sub(r"/\*.*?\*/", "", fh.read(), flags=re.S)
        depth = 0
        for char in text:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, css
        assert depth == 0, f"{css}: {depth} unclosed block(s)"


def test_images_are_modern_formats_with_width_and_height(client, pages):
    problems, checked = [], 0
    for name, url in pages.items():
        for attrs in parse(client.get(url)).images:
            if attrs.get("src") is None and attrs.get("srcset"):
                continue  # <source> inside <picture>
            checked += 1
            src = attrs.get("src", "")
            if not (
                re.search(r"\.(svg|webp|avif)(\?|$)", src) or src.startswith("data:image/svg+xml")
            ):
                problems.append((name, "format", src[:80]))
            if not (attrs.get("width") and attrs.get("height")):
                problems.append((name, "size", src[:80]))

    assert checked >= 10  # logo on every page, theme icons, the ticket's QR code
    assert problems == []


def test_no_inline_script_or_style_on_any_page(client, pages):
    offenders = {}
    for name, url in pages.items():
        html = client.get(url).content.decode()
        inline_scripts = re.findall(
            r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", html
        )
        if (
            inline_scripts
            or "<style" in html
            or re.search(r"\sstyle=", html)
            or re.search(r"\son[a-z]+=", html)
        ):
            offenders[name] = inline_scripts
    assert offenders == {}
