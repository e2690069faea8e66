"""Keep link tokens and exception messages out of every log line.

Link tokens: the web server's access log writes paths and query strings: ``/r/<token>``
is a key, and so is any ``access_token``, ``token`` or ``code`` in a query string (an API
token sent the wrong way is refused, but its request is still logged).
Exception messages: a database error quotes the row it could not write (PostgreSQL's
"Failing row contains (...)"), a validation error the value it refused; Celery logs the
message of every error a task raises. A record with an exception keeps its type and
where it happened (file, line, function), never its message.
"""

from __future__ import annotations

import logging
import re
import traceback
from pathlib import Path

TOKEN_PATHS = re.compile(r"/(r|staff/set-password)/[A-Za-z0-9_\-]{8,}")
SECRET_QUERY = re.compile(r"([?&;](?:access_token|token|code)=)[^&;\s\"']+", re.IGNORECASE)
ACCESS_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")
# Loggers that print the exceptions of failed tasks and requests, with their messages.
ERROR_LOGGERS = ("celery.app.trace", "celery.worker", "celery", "gunicorn.error", "werkzeug")


def redact_tokens(message: str) -> str:
    """``message`` with every link token and secret query value replaced by "…"."""
    return SECRET_QUERY.sub(r"\1…", TOKEN_PATHS.sub(r"/\1/…", message))


class TokenRedactingFilter(logging.Filter):
    """Rewrites ``/r/<token>`` as ``/r/…`` and ``?token=<token>`` as ``?token=…`` before a
    record is written anywhere."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg = redacted
            record.args = ()
        return True


class ExceptionTextFilter(logging.Filter):
    """Replaces a record's exception (and any quote of it in the message) with its type
    and stack locations: the message of an error can hold what somebody wrote."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.exc_info or record.exc_info[1] is None:
            return True
        error = record.exc_info[1]
        kind = type(error).__name__
        message = record.getMessage()
        for quoted in (repr(error), str(error)):
            if quoted:
                message = message.replace(quoted, kind)
        frames = traceback.extract_tb(error.__traceback__)[-8:]
        stack = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in frames[::-1])
        record.msg = f"{message} [{kind}; stack: {stack}]"
        record.args = ()
        record.exc_info = None
        record.exc_text = None
        return True


def _add_once(target: logging.Logger | logging.Handler, kind: type[logging.Filter]) -> None:
    if not any(isinstance(f, kind) for f in target.filters):
        target.addFilter(kind())


def install_log_filters() -> None:
    """Attach the filters to the access and error loggers and the root handlers (idempotent;
    the worker calls it again once Celery has set up its own handlers)."""
    for name in ACCESS_LOGGERS:
        _add_once(logging.getLogger(name), TokenRedactingFilter)
    for name in ERROR_LOGGERS:
        _add_once(logging.getLogger(name), ExceptionTextFilter)
    for handler in logging.getLogger().handlers:
        _add_once(handler, TokenRedactingFilter)
        _add_once(handler, ExceptionTextFilter)
