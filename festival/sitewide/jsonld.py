"""JSON-LD in a page: the one way structured data for search engines goes into the HTML.

A data block (<script type="application/ld+json">) is never executed, so the strict CSP
(script-src 'self') allows it; what must never happen is text in the data ending the element
early. The escaping is that of Django's json_script: "<", ">" and "&" become \\u escapes,
which JSON readers turn back into the same characters.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script(data: dict) -> SafeString:
    """`data` in a <script type="application/ld+json"> element, safe to put in any page
    whatever its text holds (dates, decimals and lazy translations are written as text)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - escaped just above
    )
