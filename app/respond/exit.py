"""The quick exit: forget this visit in this browser, then go somewhere neutral."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, request, session
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from app.auth.access import SESSION_KEY
from app.draft_cookies import forget_draft
from app.extensions import db
from app.survey.models import Survey

blueprint = Blueprint("exit", __name__)

# What a respondent's visit leaves in the session (a staff sign-in is never among them).
RESPONDENT_SESSION_KEYS = ("concern",)


@blueprint.route("/exit", methods=["GET", "POST"])
def leave() -> ResponseReturnValue:
    """Forget the respondent's drafts and choices in this browser, then redirect to a
    neutral website. A staff member signed in in the same browser stays signed in.

    Only when the exit was asked for from Sayso's own pages: another site linking or
    embedding ``/exit`` must not be able to wipe a child's unsent answers. It cannot erase
    the browser's history, which the start page says plainly.
    """
    response = redirect(current_app.config["SAYSO_EXIT_URL"], code=303)
    if request.method == "GET" and not asked_from_this_site():
        return response
    if SESSION_KEY not in session:
        session.clear()  # nobody signed in: nothing of the visit stays, so no cookie either
    for key in RESPONDENT_SESSION_KEYS:
        session.pop(key, None)
    for survey_id in db.session.scalars(select(Survey.id)):
        forget_draft(response, survey_id)
    # Not "cookies": that would sign out a staff member using the same browser.
    response.headers["Clear-Site-Data"] = '"storage"'
    return response


def asked_from_this_site() -> bool:
    """The request came from one of Sayso's own pages (or was typed in by the person).

    Browsers say so in ``Sec-Fetch-Site``; older ones send a same-origin ``Referer``
    (Sayso's referrer policy sends it to Sayso only)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    referrer = urlsplit(request.referrer or "")
    here = urlsplit(request.host_url)
    return (referrer.scheme, referrer.netloc) == (here.scheme, here.netloc)
