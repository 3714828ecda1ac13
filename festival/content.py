"""Loading the festival's shipped content (fixtures/) so the demo is live whenever it runs.

The fixtures date the festival on 14–16 December of one year. `load_content` moves the
edition, and every date a model lists in its `EDITION_DATE_FIELDS`, by whole years to the
next 14–16 December that has not yet ended, before saving. Rows keep the primary keys of the
fixtures, so loading twice gives the same database; rows organisers added are not touched.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction

from festival.models import Edition
from festival.sitewide import clock

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def fixture_files() -> list[Path]:
    """Every shipped fixture, in the order of their number prefix (10-festival.json, …)."""
    return sorted(FIXTURES_DIR.glob("*.json"))


def years_to_move(start: datetime.date, end: datetime.date, today: datetime.date) -> int:
    """Whole years to add so that the festival [start, end] has not yet ended on `today`."""
    years = today.year - start.year
    if end.replace(year=end.year + years) < today:
        years += 1
    return years


def _shift(value, years: int):
    if value is None or years == 0:
        return value
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February
        return value.replace(year=value.year + years, day=28)


@transaction.atomic
def load_content(*, today: datetime.date | None = None, files: list[Path] | None = None) -> dict:
    """Load the shipped fixtures, moved to the next festival; returns counts per model."""
    today = today or clock.today()
    files = files if files is not None else fixture_files()
    objects = []
    for path in files:
        with path.open(encoding="utf-8") as fh:
            objects.extend(serializers.deserialize("json", fh, handle_forward_references=True))

    editions = [o.object for o in objects if isinstance(o.object, Edition)]
    years = years_to_move(editions[0].start_date, editions[0].end_date, today) if editions else 0

    counts: dict[str, int] = {}
    deferred = []
    for deserialized in objects:
        obj = deserialized.object
        fields = ("start_date", "end_date") if isinstance(obj, Edition) else ()
        fields = fields + tuple(getattr(obj, "EDITION_DATE_FIELDS", ()))
        for field in fields:
            setattr(obj, field, _shift(getattr(obj, field), years))
        deserialized.save()
        if deserialized.deferred_fields:
            deferred.append(deserialized)
        label = obj._meta.label
        counts[label] = counts.get(label, 0) + 1
    for deserialized in deferred:
        deserialized.save_deferred_fields()
    _reset_sequences({type(o.object) for o in objects})
    return counts


def _reset_sequences(models) -> None:
    """Rows saved with fixed primary keys do not advance PostgreSQL's sequences (loaddata
    resets them too); without this the next row an organiser adds collides with pk 1."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
