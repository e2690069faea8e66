"""The quick exit: forget this visit in this browser, then go somewhere neutral."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, session
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from app.extensions import db
from app.respond.cookies import forget_draft
from app.survey.models import Survey

blueprint = Blueprint("exit", __name__)


@blueprint.route("/exit", methods=["GET", "POST"])
def leave() -> ResponseReturnValue:
    """Clear the visit's session and draft cookies, then redirect to a neutral website.

    It cannot erase the browser's history, which the start page says plainly.
    """
    session.clear()
    response = redirect(current_app.config["SAYSO_EXIT_URL"], code=303)
    for survey_id in db.session.scalars(select(Survey.id)):
        forget_draft(response, survey_id)
    response.headers["Clear-Site-Data"] = '"cookies", "storage"'
    return response
