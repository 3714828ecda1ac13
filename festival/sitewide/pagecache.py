"""The shared page cache for anonymous visitors.

Festival days bring bursts (everyone opens the programme at once), so every anonymous GET page
that is safe to share is kept, whole, in the shared cache (Redis in production) and served
from there by every app server. What is never kept:
- requests with a session (staff, or a visitor with a flash message) or a query string too
  long to be a real filter;
- responses that set a cookie (every page with a form sets the CSRF cookie), that vary on the
  cookie, or that say `private` / `no-store` / `no-cache` (tickets, tracking, forms);
- anything but 200.

The key is the method, scheme, host, language and full path: everything a kept page may
depend on (absolute links come from SITE_URL, never from the Host header, so a hostile allowed
Host cannot reach another visitor's copy either way).

Invalidation is by generation: a save or delete of a model that appears on pages bumps a counter
stored with every kept page, and a page kept under an older generation is never served, so an
organiser's change shows at once on every server. Each model says where it appears, in its
`PAGE_CACHE_SCOPE`: `EVERY_PAGE`, a tuple of path prefixes (a registration makes only
`/workshop/` pages stale), or `()` (a service request is on no shared page). A model without one
(sessions, users, the admin log) is on no cached page. Pages that depend on the clock (what is on
now) are kept at most PAGE_CACHE_SECONDS.

A hit costs one round trip to the cache (the generation and the page in one `get_many`) and
no database, session or template work; the ETag is computed once, when the page is kept
(measured with bench/pages.py: the two round trips of a first version took half a worker's time).

Browsers get `Cache-Control: public, max-age=0, must-revalidate` and an ETag (Django's
ConditionalGetMiddleware, outside this one) so a reload costs a 304.
"""

import functools
import hashlib
import secrets
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, set_response_etag

GENERATION_KEY = "pagecache:generation"
# A model's PAGE_CACHE_SCOPE when it may appear on any page (the edition is in every footer).
EVERY_PAGE = None
MAX_QUERY_LENGTH = 300


def _fresh_start() -> int:
    # Random, not 1 and not the clock (which tests freeze): a counter that starts again must
    # not meet a number that a page still kept carries.
    return secrets.randbits(52)


def generation(key: str = GENERATION_KEY) -> int:
    value = cache.get(key)
    if value is None:
        # A counter lost with the cache, or not yet made.
        cache.add(key, _fresh_start(), timeout=None)
        value = cache.get(key)
    return value


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh_start(), timeout=None)


def _scope_key(prefix: str) -> str:
    return f"{GENERATION_KEY}:{prefix}"


@functools.cache
def _scope_prefixes() -> tuple[str, ...]:
    """Every path prefix a model narrows its invalidation to."""
    prefixes = set()
    for model in apps.get_models():
        prefixes.update(getattr(model, "PAGE_CACHE_SCOPE", None) or ())
    return tuple(sorted(prefixes))


def _owner(sender):
    """The model whose pages a signal's sender affects: an m2m's auto-created through model
    speaks for the model that declares the field."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.auto_created:
        return meta.auto_created
    return sender


def invalidate(**kwargs) -> None:
    """Cached pages showing the sender's data are stale from now on (connected to every save,
    delete and m2m change; models that declare no PAGE_CACHE_SCOPE are ignored)."""
    model = _owner(kwargs.get("sender"))
    if not hasattr(model, "PAGE_CACHE_SCOPE"):
        return
    scope = model.PAGE_CACHE_SCOPE
    keys = [GENERATION_KEY] if scope is EVERY_PAGE else [_scope_key(p) for p in scope]
    _bump_all(keys)
    # And again once the change is committed: a page (or a worker's catalogue index) made
    # between the first bump and the commit read the old rows under the new generation.
    # (Outside a transaction the change is committed already.)
    using = kwargs.get("using")
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(functools.partial(_bump_all, keys), using=using, robust=True)


def _bump_all(keys: list[str]) -> None:
    for key in keys:
        _bump(key)


def is_bump(callback) -> bool:
    """Whether an on-commit callback is the page cache's second bump (tests that count what
    a request leaves to run after its commit leave these out)."""
    return getattr(callback, "func", None) is _bump_all


def _generation_keys(request) -> list[str]:
    """The site's generation, and the generation of each scope the page lies in."""
    path = request.path
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            path = path[len(code) + 1 :]
            break
    return [GENERATION_KEY] + [_scope_key(p) for p in _scope_prefixes() if path.startswith(p)]


def _language(request) -> str:
    # As LocaleMiddleware decides it (it runs after this middleware) with the root URLconf's
    # i18n_patterns(prefix_default_language=False): the path's prefix, else the default.
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def _key(request) -> str:
    """Everything a kept page may depend on. Links are built from SITE_URL, not from the
    host, but a page kept for one host or scheme is still never served for another: a Host
    header a visitor chose must not reach what other visitors get. (A host not in
    ALLOWED_HOSTS raises DisallowedHost here: a 400, even for a page that is kept.)"""
    raw = "|".join(
        (
            request.method,
            request.scheme,
            request.get_host().lower(),
            _language(request),
            request.get_full_path(),
        )
    )
    return f"page:{hashlib.sha256(raw.encode()).hexdigest()}"


def request_is_cacheable(request) -> bool:
    """Whether the page cache may serve `request` a kept page (and keep its answer)."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if request.path.startswith(("/admin/", "/static/", "/media/")):
        return False
    return len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH


def _response_is_cacheable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = response.get("Vary", "").lower()
    return "cookie" not in vary


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not request_is_cacheable(request):
            return self.get_response(request)
        key = _key(request)
        generation_keys = _generation_keys(request)
        found = cache.get_many([*generation_keys, key])
        for missing in set(generation_keys) - found.keys():
            found[missing] = generation(missing)
        gen = tuple(found[k] for k in generation_keys)
        stored = found.get(key)
        if stored is not None and stored[0] == gen:
            _, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _response_is_cacheable(response):
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            if not response.has_header("ETag"):
                set_response_etag(response)
            headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
            cache.set(key, (gen, response.status_code, headers, response.content), seconds)
            response.headers["X-Page-Cache"] = "miss"
        return response


# --- Pieces kept under the generation, in the shared cache and in each worker's memory ------
#
# Pages the page cache cannot keep (every search, filter and page number of the catalogue) are
# built from pieces that stay valid exactly as long as a whole kept page would: an innovation's
# card, the filter choices, the frame. Each is kept in the shared cache under the generation it
# was made in, and in the worker's own memory too (a bounded LRU): a piece this worker already
# holds costs no transfer and no unpickling, only the check that the generation has not
# changed, which the page asks the shared cache for once (`kept`). A piece also carries the
# moment it expires, so a worker never holds it longer than the shared cache would.

_MISSING = object()
LOCAL_ENTRIES = 10_000
_local: OrderedDict[str, tuple[int, object, float]] = OrderedDict()
_local_lock = threading.Lock()


def _local_get(key: str, gen: int, now: float):
    with _local_lock:
        entry = _local.get(key)
        if entry is None or entry[0] != gen or entry[2] <= now:
            return _MISSING
        _local.move_to_end(key)
        return entry[1]


def _local_put(entries: dict) -> None:
    """`entries`: {key: (generation, value, expires)}."""
    with _local_lock:
        for key, entry in entries.items():
            _local[key] = entry
            _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def forget_local() -> None:
    """Forget what this worker holds in memory (tests start clean)."""
    with _local_lock:
        _local.clear()


def _valid(stored, gen: int, now: float) -> bool:
    return isinstance(stored, tuple) and len(stored) == 3 and stored[0] == gen and stored[2] > now


def kept(keys: list[str], *, gen: int | None = None) -> tuple[int, dict]:
    """The site's generation and the values `keep` stored under `keys` in that generation
    (stale or expired ones left out). Asks the shared cache once, for the generation and the
    keys this worker holds no copy of; with `gen` (what an earlier call of the same request
    returned), for the keys this worker holds no valid copy of, if any."""
    now = time.time()
    found, ask = {}, []
    if gen is not None:
        for key in keys:
            value = _local_get(key, gen, now)
            if value is _MISSING:
                ask.append(key)
            else:
                found[key] = value
        fetched = cache.get_many(ask) if ask else {}
    else:
        with _local_lock:
            held = {key: _local[key] for key in keys if key in _local}
            for key in held:
                _local.move_to_end(key)  # asked for: the last to be dropped
        fetched = cache.get_many([GENERATION_KEY, *(key for key in keys if key not in held)])
        gen = fetched.pop(GENERATION_KEY, None)
        if gen is None:
            gen = generation()
        for key, entry in held.items():
            if entry[0] == gen and entry[2] > now:
                found[key] = entry[1]
        stale = [key for key in held if key not in found]
        if stale:
            fetched.update(cache.get_many(stale))
    fresh = {key: stored for key, stored in fetched.items() if _valid(stored, gen, now)}
    _local_put(fresh)
    found.update((key, stored[1]) for key, stored in fresh.items())
    return gen, found


def keep(values: dict, gen: int, seconds: int = 24 * 3600) -> None:
    """Store `values` ({key: value}) as of generation `gen` (from `kept`), for `kept`, for
    at most `seconds`, in the shared cache and in this worker's memory."""
    if values:
        expires = time.time() + seconds
        entries = {key: (gen, value, expires) for key, value in values.items()}
        cache.set_many(entries, seconds)
        _local_put(entries)


def local(key: str, gen: int, load):
    """What `load()` returns, made once per generation in each worker and held only in its
    memory, never in the shared cache (for something large that is quick to use and slow to
    move, such as the catalogue's index: innovations/catalogue_index.py)."""
    value = _local_get(key, gen, time.time())
    if value is _MISSING:
        value = load()
        _local_put({key: (gen, value, float("inf"))})
    return value
