"""Loading the festival's shipped content (fixtures/): the 2016 edition, with its true dates.

The content is saved as the fixtures date it (Wednesday 14 – Friday 16 December 2016); to
try the site as of a moment of that edition, set FESTIVAL_NOW (see festival.sitewide.clock).
Rows keep the primary keys of the fixtures, so loading twice gives the same database; rows
organisers added are not touched.
"""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def fixture_files() -> list[Path]:
    """Every shipped fixture, in the order of their number prefix (10-festival.json, …)."""
    return sorted(FIXTURES_DIR.glob("*.json"))


@transaction.atomic
def load_content(*, files: list[Path] | None = None) -> dict:
    """Load the shipped fixtures as they are dated; returns counts per model."""
    files = files if files is not None else fixture_files()
    objects = []
    for path in files:
        with path.open(encoding="utf-8") as fh:
            objects.extend(serializers.deserialize("json", fh, handle_forward_references=True))

    counts: dict[str, int] = {}
    deferred = []
    for deserialized in objects:
        obj = deserialized.object
        _stamp_unset_edit_times(obj)
        deserialized.save()
        if deserialized.deferred_fields:
            deferred.append(deserialized)
        label = obj._meta.label
        counts[label] = counts.get(label, 0) + 1
    for deserialized in deferred:
        deserialized.save_deferred_fields()
    _reset_sequences({type(o.object) for o in objects})
    return counts


def _stamp_unset_edit_times(obj) -> None:
    """A fixture row without its "last edited" time (auto_now) gets the time it is loaded:
    raw saves skip auto_now, and the column may not be empty."""
    for field in obj._meta.concrete_fields:
        if getattr(field, "auto_now", False) and getattr(obj, field.attname) is None:
            setattr(obj, field.attname, timezone.now())


def _reset_sequences(models) -> None:
    """Rows saved with fixed primary keys do not advance PostgreSQL's sequences (loaddata
    resets them too); without this the next row an organiser adds collides with pk 1."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
