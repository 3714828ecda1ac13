"""Query lookups that answer out-of-range values the way Django's own integer lookups do.

Django turns `id=10**40` into an empty result (no row can hold it), but `id__in=[10**40]`
reaches the driver, and SQLite raises OverflowError: a 500 wherever a posted number becomes
such a query (the admin's selected rows, a multiple choice of related rows)."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """`__in` on an integer column, leaving out the values no such column can hold (they
    match no row either way)."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
