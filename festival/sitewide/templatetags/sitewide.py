from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_info, override

from festival.sitewide import links as site_links
from festival.sitewide import numbers
from festival.sitewide.i18n import localized

register = template.Library()


@register.filter
def tr(obj, field):
    """{{ innovation|tr:"summary" }}: the English text on /en/ when written, else Indonesian."""
    return localized(obj, field)


@register.simple_tag(takes_context=True)
def language_links(context):
    """The same page in every language, query string kept. Built from the path alone: a
    request for `//evil.com/` must not get a language link to `//evil.com/en/`."""
    request = context.get("request")
    if request is None:
        return []
    # A kept frame's hole for "?query" (festival/sitewide/frame.py), else this page's query.
    suffix = context.get("frame_query")
    if suffix is None:
        query = request.GET.urlencode()
        suffix = f"?{query}" if query else ""
    here = site_links.local_path(request.path)
    links = []
    for code, _name in settings.LANGUAGES:
        path = site_links.local_path(translate_url(here, code))
        url = f"{path}{suffix}"
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "url": url,
                "path": path,
                "name": info["name_local"] if code != "id" else "Bahasa Indonesia",
                "current": code == context.get("LANGUAGE_CODE"),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None removes one)."""
    return site_links.query_with(context["request"].GET, **changes)


@register.filter
def date_range(start, end):
    """{{ edition.start_date|date_range:edition.end_date }}: the dates from start to end as
    people write them, in the page's language: "14–16 Desember 2026", "30 November –
    2 Desember 2026", "30 Desember 2026 – 2 Januari 2027", or one date."""
    if not (start and end):
        return date_format(start or end, "j F Y") if start or end else ""
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


@register.filter
def phone(value):
    return numbers.format_phone(value)


@register.filter
def masked_phone(value):
    return numbers.mask_phone(value)


@register.filter
def masked_email(value):
    return numbers.mask_email(value)


@register.filter
def masked_nik(value):
    return numbers.mask_nik(value)


@register.filter
def masked_nip(value):
    return numbers.mask_nip(value)


@register.filter
def site_path(path):
    """A path on this site (e.g. a programme item's link) in the page's language: /en/…
    Whatever was stored, the result is a path here, never a link to another host."""
    if not path:
        return path
    path = site_links.local_path(path)
    language = get_language() or settings.LANGUAGE_CODE
    # Organisers write the Indonesian path (no prefix); resolve it as such.
    with override(settings.LANGUAGE_CODE):
        return site_links.local_path(translate_url(path, language))


@register.filter
def absolute_url(path):
    """{{ path|absolute_url }}: the address of a page of this site, from SITE_URL (never from
    the request's Host, which a shared cached page would pass on to every visitor)."""
    return site_links.absolute_url(str(path))


@register.filter
def webcal_url(path):
    """{{ ics_path|webcal_url }}: a calendar subscription link (webcal://…) from SITE_URL."""
    return site_links.webcal_url(str(path))
