"""The admin answers hostile query parameters and form values as the public site does: with
the form's errors or the list's "?e=1" notice, never a server error.

Two places where Django's admin itself fails on a crafted request (Django 5.2):
- the date drill-down of a list (`date_hierarchy`) reads `?created_at__year=…` with `int()`
  and `datetime()`, and only a ValueError becomes the "?e=1" notice: a year of 10**40 is an
  OverflowError, 9999 a ValueError outside the guarded lines; both were a 500;
- the autocomplete widget, showing a refused form again, looks up the value as it was posted
  (`id__in=["abc"]`): a ValueError, a 500 instead of the form with its error.

A model admin with a date hierarchy or autocomplete fields takes `SafeInputAdminMixin`;
tests/site/test_hostile_input.py sends every admin list and form hostile values.
"""

from django.contrib.admin import widgets
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError


class CheckedChangeList(ChangeList):
    def get_filters(self, request):
        # Everything here reads the query string: a number or date it cannot use is the
        # visitor's mistake, which the admin shows as "?e=1".
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class AutocompleteSelect(widgets.AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        # Only values the related field can hold are looked up to be shown as chosen; the
        # form already says that the others are not valid.
        remote = self.field.remote_field
        opts = remote.model._meta
        target = opts.get_field(getattr(remote, "field_name", opts.pk.attname))
        kept = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue
            kept.append(item)
        return super().optgroups(name, kept, attr)


class SafeInputAdminMixin:
    """For a ModelAdmin: the checked changelist and the checked autocomplete widget."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
