import datetime


class IsoDateConverter:
    """A calendar date in a URL as YYYY-MM-DD; an impossible date (2026-02-30) is a 404."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError: no match, so 404

    def to_url(self, value: datetime.date) -> str:
        return value if isinstance(value, str) else value.isoformat()


class YearConverter:
    """An edition's year in a URL (/2016/): four digits, so it never shadows a section path."""

    regex = r"[12][0-9]{3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
