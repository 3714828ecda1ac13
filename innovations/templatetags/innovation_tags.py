import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end the <script> element or start a comment inside it.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """<script type="application/ld+json"> with `data`, safe whatever the text holds: the
    same escaping as Django's json_script. A data block is never executed, so the strict
    CSP (script-src 'self') allows it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.filter
def award_label(award):
    """The short text of a badge: level, scope when not national, and year when known."""
    from django.utils.translation import gettext

    parts = [award.level]
    if award.scope != award.Scope.NATIONAL:
        parts.append(gettext("tingkat %(scope)s") % {"scope": award.get_scope_display().lower()})
    if award.year:
        parts.append(str(award.year))
    return " · ".join(parts)
