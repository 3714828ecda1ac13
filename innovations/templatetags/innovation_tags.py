from django import template
from django.utils.translation import gettext

from festival.sitewide import jsonld

register = template.Library()


@register.simple_tag
def json_ld(data):
    """<script type="application/ld+json"> with `data`, escaped by the site's one helper."""
    return jsonld.script(data)


@register.filter
def award_label(award):
    """The short text of a badge: level, scope when not national, and year when known."""
    parts = [award.level]
    if award.scope != award.Scope.NATIONAL:
        parts.append(gettext("tingkat %(scope)s") % {"scope": award.get_scope_display().lower()})
    if award.year:
        parts.append(str(award.year))
    return " · ".join(parts)
