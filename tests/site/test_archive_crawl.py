"""Production with only the shipped content (the 2016 edition) on the real clock: every page a
visitor can reach presents 2016 as past, offers no registration or request form, and dates no
2016 fact to another year.

The clock is frozen at a day long after 2016 rather than left real, so the test says the
same thing every year; FESTIVAL_NOW is empty, as in production.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine

from tests.text import page_text

pytestmark = pytest.mark.django_db

TODAY = "2026-11-28 10:00+07:00"

# Paths a crawler does not follow: the admin, machines, files, and the visitor's own
# tracking form (a lookup, not a request for a service).
SKIP = re.compile(r"^/(en/)?(admin/|media/|static/|sitemap|robots|healthz)|\.ics$|^webcal:")

# A year later than the edition's: on a 2016 page it would date a 2016 fact to another year.
# An innovation's own facts may be later, said with the year of their source ("Berjalan (per
# 2018)", "pemberitaan tahun 2018"): innovations persist across editions, and say so.
LATER_YEAR = re.compile(r"(?<!per )(?<!tahun )(?<!as of )(?<!from )\b20(1[7-9]|[2-9][0-9])\b")

DATA_PAGE = re.compile(r"^/(en/)?data/$")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.post_forms = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self.post_forms.append(attrs.get("action") or "")


def crawl(client, starts):
    """Every same-site page reachable from `starts`: path → (response, parsed links)."""
    seen, queue = {}, list(starts)
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        response = client.get(path)
        links = Links()
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            links.feed(response.content.decode())
        seen[path] = (response, links)
        for href in links.hrefs:
            url = urlsplit(urljoin(path, href))
            if url.scheme in ("", "http") and url.netloc in ("", "testserver", "localhost:8000"):
                target = url.path + (f"?{url.query}" if url.query else "")
                if not SKIP.search(target) and target not in seen:
                    queue.append(target)
    return seen


@time_machine.travel(TODAY)
def test_shipped_2016_edition_in_production_offers_no_form_and_no_later_year(
    client, festival_content, settings
):
    settings.FESTIVAL_NOW = ""

    pages = crawl(client, ["/", "/en/", "/2016/", "/en/2016/"])

    assert len(pages) > 40
    errors = {p: r.status_code for p, (r, _) in pages.items() if r.status_code >= 500}
    assert errors == {}
    # The only POST form a visitor meets is the tracking lookup of a request already made.
    forms = {
        p: links.post_forms
        for p, (_, links) in pages.items()
        if [f for f in links.post_forms if "/layanan/lacak/" not in (f or p)]
    }
    assert forms == {}
    later = {}
    for path, (response, _) in pages.items():
        # The open data page dates the files' last edit: the day content was loaded or
        # edited, not a fact of 2016.
        if DATA_PAGE.match(path):
            continue
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            found = LATER_YEAR.findall(page_text(response))
            if found:
                later[path] = sorted({f"20{y}" for y in found})
    assert later == {}
