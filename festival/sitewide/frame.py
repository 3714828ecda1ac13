"""A page's frame (base.html: the head, header, navigation and footer) rendered once and kept,
for pages the page cache cannot keep because every address is different (each search, filter
and page number of the catalogue).

The frame is the same on every such page in one language, while the content generation stays
(the footer shows the current edition and every published edition's year) and for at most a
minute (which edition is current depends on the clock, and `festival.queries.current_edition`
itself is kept a minute). What differs from one page to the next is cut out of it as holes: the
title, the description, the robots tag, the content, and the query string the language links
keep. `page()` renders `templates/frame.html` with a marker in each hole, splits the result at
the markers, keeps the pieces under the page cache's generation (`pagecache.kept`, one round trip
with whatever else the page keeps) and fills the holes with the page's own HTML.

A frame is kept only for a visitor the page cache would serve (no session, no flash message):
their frame is the same as anyone's. Anyone else gets a frame rendered for them, through the
same template and the same holes, so both paths give the same page (tests/innovations/
test_catalogue_frame.py compares them). Measured with bench/pages.py: rendering the frame was
about 3.5 ms of the 18 ms an uncached catalogue page took; assembling a kept one takes
microseconds.
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

from festival.sitewide import clock, offline, pagecache

HOLES = ("title", "meta_description", "meta_robots", "query", "content")
# A marker no page can contain: random per process, letters and digits only (so escaping
# leaves it whole wherever the template puts it).
_TOKEN = secrets.token_hex(12)
_MARKER = re.compile(rf"fpphole{_TOKEN}([a-z_]+)end")
SECONDS = 60


def marker(name: str) -> str:
    """What stands in hole `name` while a page's pieces are rendered (`split`)."""
    return f"fpphole{_TOKEN}{name}end"


def split(html: str) -> list[str]:
    """HTML rendered with `marker`s in its holes, as [text, hole name, text, …, text]."""
    return _MARKER.split(html)


def fill(pieces: list[str], holes: dict) -> str:
    """The HTML of `pieces` (from `split`) with each hole's HTML from `holes`."""
    return "".join(piece if index % 2 == 0 else holes[piece] for index, piece in enumerate(pieces))


def keepable(request) -> bool:
    """Whether `request`'s frame is everyone's: a GET without a session or a flash message
    (as the page cache decides), for a logged-out visitor."""
    return pagecache.request_is_cacheable(request)


def key(request) -> str:
    """What a kept frame depends on besides the generation: language, path (the navigation
    marks the current section; the language links point at this page), the rehearsal clock
    and whether the offline worker is on."""
    moment = clock.rehearsal_moment()
    raw = "|".join(
        (
            translation.get_language() or "",
            request.path,
            moment.isoformat() if moment else "",
            "offline" if offline.enabled() else "",
            settings.STATIC_URL,
        )
    )
    return f"frame:{hashlib.sha256(raw.encode()).hexdigest()}"


def _pieces(request) -> list[str]:
    """The frame, split at its holes: [text, hole name, text, hole name, …, text]."""
    html = render_to_string(
        "frame.html",
        {"frame_holes": {name: marker(name) for name in HOLES}, "frame_query": marker("query")},
        request,
    )
    return split(html)


def page(
    request,
    content: str,
    *,
    title: str,
    meta_description: str,
    meta_robots: str = "",
    kept: dict | None = None,
    generation: int | None = None,
) -> HttpResponse:
    """The response: the frame around `content` (HTML), with the page's title and description
    (text, escaped here) and robots tag (HTML). `kept` and
    `generation` are what `pagecache.kept([key(request), …])` returned, when the page already
    asked the cache for other things (one round trip for all); otherwise the frame is asked
    for here."""
    pieces = None
    frame_key = None
    if keepable(request):
        frame_key = key(request)
        if kept is None:
            generation, kept = pagecache.kept([frame_key])
        pieces = kept.get(frame_key)
    if pieces is None:
        pieces = _pieces(request)
        if frame_key is not None:
            pagecache.keep({frame_key: pieces}, generation, SECONDS)
    query = request.GET.urlencode()
    holes = {
        "title": escape(title),
        "meta_description": escape(meta_description),
        "meta_robots": meta_robots,
        "query": escape(f"?{query}") if query else "",
        "content": content,
    }
    return HttpResponse(fill(pieces, holes))
