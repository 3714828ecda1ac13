import logging

from django.conf import settings
from django.utils.module_loading import import_string


def _formatter_of_the_stderr_handler() -> logging.Formatter:
    name = settings.LOGGING["handlers"]["stderr"]["formatter"]
    config = dict(settings.LOGGING["formatters"][name])
    return import_string(config.pop("()"))(config["format"])


def _error_record(message: str) -> logging.LogRecord:
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        return logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            message,
            (),
            (type(error), error, error.__traceback__),
        )


def test_an_error_with_its_traceback_is_logged_on_one_line():
    line = _formatter_of_the_stderr_handler().format(
        _error_record("Internal Server Error: /jadwal/")
    )

    assert "\n" not in line
    assert "ERROR django.request Internal Server Error: /jadwal/\\nTraceback (most recent" in line
    assert "RuntimeError: boom" in line


def test_a_line_break_in_a_request_path_cannot_forge_a_log_line():
    line = _formatter_of_the_stderr_handler().format(
        _error_record("Not Found: /x\n2026-12-14 10:00:00 INFO fake line \\n")
    )

    assert "\n" not in line
    assert "/x\\n2026-12-14 10:00:00 INFO fake line \\\\n" in line


def test_errors_go_to_stderr():
    handler = settings.LOGGING["handlers"]["stderr"]

    assert handler["class"] == "logging.StreamHandler" and "stream" not in handler
    # … and server errors are also mailed to ADMINS (tests/festival/test_error_pages.py).
    assert settings.LOGGING["loggers"]["django.request"]["handlers"] == ["stderr", "mail_admins"]
