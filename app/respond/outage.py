"""What a respondent sees when the database is unreachable as they save or send answers.

The page they get keeps what they entered: it carries the posted fields back as a form
whose "Try again" button sends them again, so nothing depends on the database being up
to keep their words. Sending twice is safe: a page save is a merge, and a response is
made once per submission key.
"""

from __future__ import annotations

from flask import make_response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError

from app.errors import record_server_error, server_error_page
from app.form_base import posted_fields

# Seconds a browser or proxy should wait before trying again.
RETRY_AFTER = 30


def try_again_page(error: DBAPIError) -> ResponseReturnValue:
    """A 503 page in the respondent's language with their answers and an error id."""
    if request.method != "POST":
        return server_error_page(error, status=503)
    error_id = record_server_error(error)
    sending = request.endpoint == "respond.send"
    heading = (
        _("Your answers have not been sent yet")
        if sending
        else _("Your answers have not been saved yet")
    )
    fields = posted_fields()
    try:
        page = render_template(
            "respond/try_again.html",
            heading=heading,
            sending=sending,
            action=request.full_path.rstrip("?"),
            fields=fields,
            error_id=error_id,
        )
    except Exception:
        return server_error_page(error, status=503)
    response = make_response(page, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER)
    return response
