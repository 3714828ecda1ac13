"""The admin answers crafted query strings and form values with its own notices, never a 500
(festival/sitewide/admin_input.py, festival/sitewide/lookups.py)."""

import pytest

from innovations.models import Agency, Innovation
from tests.services.factories import ServiceRequestFactory, status_change_form

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def test_in_lookup_with_a_number_no_column_holds_matches_nothing(festival_content):
    first = Innovation.objects.order_by("pk").first()

    assert list(Innovation.objects.filter(pk__in=[10**40])) == []
    assert list(Innovation.objects.filter(pk__in=[first.pk, 10**40, -(10**40)])) == [first]
    assert Innovation.objects.exclude(pk__in=[10**40]).count() == Innovation.objects.count()


@pytest.mark.parametrize(
    "query",
    [
        {"created_at__year": "9999"},  # the year after it does not exist
        {"created_at__year": "9999", "created_at__month": "12"},
        {"created_at__year": str(10**40)},
        {"created_at__year": "2026", "created_at__month": str(10**40)},
    ],
)
def test_a_date_drill_down_no_calendar_has_is_the_lists_notice(admin_client, db, query):
    response = admin_client.get("/admin/services/servicerequest/", query)

    assert response.status_code == 302
    assert response["Location"] == "/admin/services/servicerequest/?e=1"


def test_a_real_date_drill_down_still_filters(admin_client, db):
    response = admin_client.get("/admin/services/servicerequest/", {"created_at__year": "2026"})

    assert response.status_code == 200
    assert 'id="changelist"' in page(response)


@pytest.mark.parametrize("agency", ["bukan-angka", "1.5", str(10**40)])
def test_an_autocomplete_value_that_is_no_row_is_the_forms_error(
    admin_client, festival_content, agency
):
    innovation = Innovation.objects.order_by("pk").first()
    data = {
        "name": innovation.name,
        "slug": innovation.slug,
        "agency": agency,
        "theme": innovation.theme_id,
        "status": innovation.status,
        "summary": innovation.summary,
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }

    response = admin_client.post(f"/admin/innovations/innovation/{innovation.pk}/change/", data)

    assert response.status_code == 200
    assert "agency" in response.context["adminform"].form.errors
    innovation.refresh_from_db()
    assert Agency.objects.filter(pk=innovation.agency_id).exists()


def test_inline_rows_a_forged_count_asks_for_are_shown_empty(admin_client, db):
    # The request's documents are read-only rows; a forged TOTAL_FORMS made the admin show
    # rows with no document behind them when the form came back with an error, and their
    # photo link was a 500.
    request = ServiceRequestFactory()
    data = status_change_form(new_status="bukan-status", **{"documents-TOTAL_FORMS": "2"})

    response = admin_client.post(f"/admin/services/servicerequest/{request.pk}/change/", data)

    assert response.status_code == 200
    assert "new_status" in response.context["adminform"].form.errors
    assert "Buka foto" not in page(response)
