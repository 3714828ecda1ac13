import pytest
import time_machine
from django.core.management import CommandError, call_command

from festival.sitewide import retention

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded_cutoffs():
    cutoffs = []
    retention.register("test.records", lambda cutoff: cutoffs.append(cutoff) or 7)
    yield cutoffs
    retention.unregister("test.records")


def test_erase_personal_data_keeps_data_until_the_days_after_the_festival_pass(
    festival_content, recorded_cutoffs, capsys
):
    with time_machine.travel("2017-01-10 12:00+07:00"):
        call_command("erase_personal_data", "--days", "30")

    assert recorded_cutoffs == []
    assert "Nothing erased: personal data is kept until 2017-01-16 00:00" in capsys.readouterr().out


def test_erase_personal_data_runs_every_registered_eraser_after_the_cutoff(
    festival_content, recorded_cutoffs, capsys
):
    with time_machine.travel("2017-01-16 00:01+07:00"):
        call_command("erase_personal_data", "--days", "30")

    assert len(recorded_cutoffs) == 1
    assert recorded_cutoffs[0].isoformat() == "2017-01-16T00:00:00+07:00"
    assert "test.records: 7 erased" in capsys.readouterr().out


def test_erase_personal_data_dry_run_changes_nothing(festival_content, recorded_cutoffs):
    with time_machine.travel("2027-06-01 00:00+07:00"):
        call_command("erase_personal_data", "--days", "0", "--dry-run")

    assert recorded_cutoffs == []


def test_erase_personal_data_refuses_negative_days(festival_content):
    with pytest.raises(CommandError):
        call_command("erase_personal_data", "--days", "-1")
