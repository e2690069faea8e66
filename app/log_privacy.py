"""Keep link tokens out of every log line, including the web server's access log."""

from __future__ import annotations

import logging
import re

TOKEN_PATHS = re.compile(r"/(r|staff/set-password)/[A-Za-z0-9_\-]{8,}")
ACCESS_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


class TokenRedactingFilter(logging.Filter):
    """Rewrites ``/r/<token>`` as ``/r/…`` before a record is written anywhere."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if TOKEN_PATHS.search(message):
            record.msg = TOKEN_PATHS.sub(r"/\1/…", message)
            record.args = ()
        return True


def install_log_filters() -> None:
    """Attach the filter to the access loggers and the root handlers (idempotent)."""
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, TokenRedactingFilter) for f in logger.filters):
            logger.addFilter(TokenRedactingFilter())
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, TokenRedactingFilter) for f in handler.filters):
            handler.addFilter(TokenRedactingFilter())
