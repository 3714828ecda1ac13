"""Production configuration, checked in a fresh process with production variables."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "SECRET_KEY"))
    }
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "festival.config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path):
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "festival.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        "TASKS_BACKEND": "database",
    }


def test_check_deploy_prints_no_issue_with_production_variables(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=production_env(tmp_path)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_tasks_would_run_inside_the_request(tmp_path):
    env = production_env(tmp_path)
    env["TASKS_BACKEND"] = ""

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)

    assert result.returncode != 0
    assert "sitewide.W001" in result.stdout + result.stderr
    assert "TASKS_BACKEND=database" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    env["SECRET_KEY"] = ""

    result = run_manage("check", env_overrides=env)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize("variable", ["DEBUG"])
def test_debug_is_off_unless_switched_on(tmp_path, variable):
    env = production_env(tmp_path)
    env.pop(variable)

    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE)",
        env_overrides=env,
    )

    assert result.stdout.split() == ["False", "31536000", "True"]


def test_settings_read_database_and_cache_urls(tmp_path):
    env = production_env(tmp_path)
    env["DATABASE_URL"] = "postgres://festival:pw@db.internal:5432/festival"
    env["CACHE_URL"] = "rediscache://cache.internal:6379/1"

    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], s.CACHES['default']['BACKEND'])",
        env_overrides=env,
    )

    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "db.internal",
        "festival.sitewide.cache.RedisCache",
    ]


def test_workshop_rate_limit_variable_sets_the_workshop_limit(tmp_path):
    env = production_env(tmp_path)
    env["WORKSHOP_RATE_LIMIT"] = "7"

    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(*settings.RATE_LIMITS['workshop'])",
        env_overrides=env,
    )

    assert result.stdout.split() == ["7", "600"]


def _variables_read_by_settings() -> set[str]:
    source = (ROOT / "festival" / "config" / "settings.py").read_text()
    return set(re.findall(r'\benv(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', source)) | set(
        re.findall(r'\bos\.environ\.get\(\s*"([A-Z][A-Z0-9_]*)"', source)
    )


def _variables_in_env_example() -> dict[str, str]:
    """name → the comment line above it."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    return {
        match.group(1): lines[n - 1] if n else ""
        for n, line in enumerate(lines)
        if (match := re.match(r"([A-Z][A-Z0-9_]*)=", line))
    }


def test_env_example_lists_every_variable_the_settings_read_with_a_comment():
    read = _variables_read_by_settings()
    listed = _variables_in_env_example()

    assert {"SECRET_KEY", "ENV_FILE", "PAGE_CACHE_SECONDS", "WORKSHOP_RATE_LIMIT"} <= read
    assert sorted(read - set(listed)) == []
    assert sorted(set(listed) - read) == []
    uncommented = [name for name, above in listed.items() if not above.startswith("#")]
    assert uncommented == []
