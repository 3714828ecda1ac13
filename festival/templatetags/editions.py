"""{% load editions %}: links that stay within the edition a page is about."""

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_url(context, name, **kwargs):
    """{% edition_url "workshops:detail" slug=w.slug %}: the URL `name` within the page's
    edition: /workshop/<slug>/ on the current edition's pages, /2016/workshop/<slug>/ on
    the archive pages of 2016 (their `edition_year`, see festival.queries.page_context)."""
    year = context.get("edition_year")
    if year:
        kwargs["year"] = year
    return reverse(name, kwargs=kwargs)
