"""Log records on one line each, so a log collector reading stderr line by line keeps a
request's error and its traceback together (and a request path cannot forge a line)."""

import logging


class OneLineFormatter(logging.Formatter):
    """The standard format, with backslashes doubled and line breaks written as `\\n` and
    `\\r`: one record, one line, and the original text can be recovered."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")
