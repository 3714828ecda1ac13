"""The HTML of every public page type is well formed: browsers keep only the first of two
same-named attributes and repair misnested tags in ways we did not write, so both are
defects (an input's type, an id a label points to, a landmark's end)."""

from collections import Counter
from html.parser import HTMLParser

import pytest

from tests.site.pages import PAGE_TYPES

pytestmark = pytest.mark.django_db

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class Checker(HTMLParser):
    """Collects what makes the markup invalid: an attribute twice on one tag, an id used
    twice, an end tag that does not close the element last opened, an element never closed,
    and a void element given an end tag."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.open: list[tuple[str, int]] = []
        self.ids: Counter[str] = Counter()

    def _attributes(self, tag, attrs):
        names = Counter(name for name, _value in attrs)
        for name, count in names.items():
            if count > 1:
                values = [value for n, value in attrs if n == name]
                self.problems.append(f"line {self.getpos()[0]}: <{tag}> has {name}= {values}")
        for name, value in attrs:
            if name == "id":
                self.ids[value] += 1

    def handle_starttag(self, tag, attrs):
        self._attributes(tag, attrs)
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        self._attributes(tag, attrs)
        if tag not in VOID:
            self.problems.append(f"line {self.getpos()[0]}: <{tag}/> is not a void element")

    def handle_endtag(self, tag):
        line = self.getpos()[0]
        if tag in VOID:
            self.problems.append(f"line {line}: </{tag}> closes a void element")
        elif not self.open:
            self.problems.append(f"line {line}: </{tag}> closes nothing")
        elif self.open[-1][0] != tag:
            opened, at = self.open[-1]
            self.problems.append(f"line {line}: </{tag}> while <{opened}> (line {at}) is open")
            # Recover as a browser would: close up to the matching element, if any.
            names = [name for name, _at in self.open]
            if tag in names:
                del self.open[len(names) - 1 - names[::-1].index(tag) :]
        else:
            self.open.pop()

    def close(self):
        super().close()
        self.problems += [f"line {at}: <{tag}> is never closed" for tag, at in self.open]
        self.problems += [f'id="{i}" is used {n} times' for i, n in self.ids.items() if n > 1]


def html_problems(html: str) -> list[str]:
    checker = Checker()
    checker.feed(html)
    checker.close()
    return checker.problems


def test_checker_finds_a_duplicate_attribute_and_misnested_tags():
    html = '<main><p><input type="text" name="phone" type="tel"><span></p></main><div id="a"><div id="a">'

    problems = html_problems(html)

    assert any("has type=" in p and "'tel'" in p for p in problems)
    assert any("</p> while <span>" in p for p in problems)
    assert any("<div> is never closed" in p for p in problems)
    assert 'id="a" is used 2 times' in problems


def test_checker_accepts_well_formed_html():
    html = (
        '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>x</title>'
        '<script src="/s.js" defer></script></head><body><p>a<br>b</p>'
        '<input type="tel" name="phone"></body></html>'
    )

    assert html_problems(html) == []


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_public_page_type_is_valid_html(client, pages, language):
    assert sorted(pages) == sorted(PAGE_TYPES)
    report = {}
    for name, url in pages.items():
        response = client.get(url if url.startswith("/en/") else language + url)
        problems = html_problems(response.content.decode())
        if problems:
            report[name] = problems

    assert report == {}


@pytest.mark.parametrize("language", ["", "/en"])
def test_every_public_page_type_is_valid_html_with_the_rehearsal_notice(
    client, pages, settings, language
):
    settings.FESTIVAL_NOW = "2016-12-01T10:00+07:00"
    report = {}
    for name, url in pages.items():
        response = client.get(url if url.startswith("/en/") else language + url)
        html = response.content.decode()
        assert 'class="rehearsal-notice"' in html, name
        if problems := html_problems(html):
            report[name] = problems

    assert report == {}
