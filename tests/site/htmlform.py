"""What a browser would send for a form on a page: the fields of one <form> as POST data."""

from html.parser import HTMLParser

# Inputs a browser sends with their value (checkboxes and radios only when checked; files,
# buttons and images are not text).
_TEXT_TYPES = {
    "text",
    "hidden",
    "number",
    "email",
    "url",
    "tel",
    "search",
    "date",
    "time",
    "datetime-local",
    "password",
}


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value if value is not None else "" for name, value in attrs}
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id):
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in _TEXT_TYPES or (kind in ("checkbox", "radio") and "checked" in attrs):
                self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attrs.get("value"),
                "selected": "selected" in attrs,
                "text": "",
            }
            self._select["options"].append(self._option)
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            options = self._select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and options and not self._select["multiple"]:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.data.append((self._select["name"], value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one line break that follows <textarea> (Django writes it).
            text = self._textarea["text"]
            text = text[2:] if text.startswith("\r\n") else text.removeprefix("\n")
            self.data.append((self._textarea["name"], text))
            self._textarea = None


def form_data(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    """The fields of the form `form_id` (or of every form) as a browser would submit them,
    each name with its list of values."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.data:
        data.setdefault(name, []).append(value)
    return data
