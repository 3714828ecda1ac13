"""The scheduled erasure as a task, and the task settings of each configuration."""

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from festival import tasks
from festival.sitewide import retention
from tests.festival.test_settings import production_env, run_manage
from tests.tasks import database_tasks, run_worker, waiting_tasks
from tests.workshops.factories import RegistrationFactory
from workshops.models import Registration

BACKEND_NAME = (
    "from django_tasks import task_backends; print(type(task_backends['default']).__name__)"
)

# The test edition (tests/conftest.py) ends on 16 December 2026: with --days 30, data made before
# 2027-01-16 00:00 WIB is erased from that moment on.
AFTER_CUTOFF = "2027-01-16 00:01+07:00"


@pytest.fixture
def recorded_cutoffs():
    cutoffs = []
    retention.register("test.records", lambda cutoff: cutoffs.append(cutoff) or 7)
    yield cutoffs
    retention._erasers.pop("test.records")


@pytest.fixture
def failing_eraser():
    def fail(cutoff):
        raise RuntimeError("the disk is full")

    retention.register("zz.failing", fail)
    yield
    retention._erasers.pop("zz.failing")


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_erase_command_queues_the_erasure_and_the_worker_runs_it(edition, recorded_cutoffs):
    with time_machine.travel(AFTER_CUTOFF, tick=False):
        out = call_command_output("erase_personal_data", "--days", "30")
        [queued] = waiting_tasks()

        assert out.startswith(f"Erasure queued as task {queued.id}; the worker runs it.")
        assert queued.task_path == "festival.tasks.erase_personal_data"
        assert queued.args_kwargs["kwargs"] == {"days": 30}
        assert recorded_cutoffs == []

        run_worker()

    assert [c.isoformat() for c in recorded_cutoffs] == ["2027-01-16T00:00:00+07:00"]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value["test.records"] == 7


@database_tasks
@pytest.mark.django_db(transaction=True)
def test_erasure_decides_when_it_runs_not_when_it_was_queued(edition, recorded_cutoffs):
    with time_machine.travel("2027-01-15 23:00+07:00", tick=False):
        tasks.erase_personal_data.enqueue(days=30)
        run_worker()

    assert recorded_cutoffs == []
    assert DBTaskResult.objects.get().return_value == {}


@pytest.mark.django_db
def test_erase_command_fails_and_changes_nothing_when_one_eraser_fails(edition, failing_eraser):
    registration = RegistrationFactory(full_name="Siti Aminah")

    with time_machine.travel(AFTER_CUTOFF), pytest.raises(CommandError) as error:
        call_command("erase_personal_data", "--days", "30")

    assert "The erasure failed and changed nothing" in str(error.value)
    assert Registration.objects.get(pk=registration.pk).full_name == "Siti Aminah"


def call_command_output(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# --- Settings ------------------------------------------------------------------------------------


def test_tasks_backend_database_stores_tasks_for_the_worker(tmp_path):
    env = {**production_env(tmp_path), "TASKS_BACKEND": "database"}
    migrated = run_manage("migrate", "--noinput", env_overrides=env)
    assert migrated.returncode == 0, migrated.stderr

    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        BACKEND_NAME,
        env_overrides=env,
    )
    worker = run_manage("db_worker", "--batch", "--no-startup-delay", env_overrides=env)

    assert result.stdout.split() == ["DatabaseBackend"]
    assert worker.returncode == 0, worker.stderr
    assert "No more tasks to run" in worker.stdout + worker.stderr


def test_tasks_run_immediately_without_tasks_backend(tmp_path):
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        BACKEND_NAME,
        env_overrides={**production_env(tmp_path), "TASKS_BACKEND": ""},
    )

    assert result.stdout.split() == ["ImmediateBackend"]


def test_an_unknown_tasks_backend_refuses_to_start(tmp_path):
    env = {**production_env(tmp_path), "TASKS_BACKEND": "celery"}

    result = run_manage("check", env_overrides=env)

    assert result.returncode != 0
    assert "TASKS_BACKEND must be one of immediate, database" in result.stderr
