"""``/r/<token>``: a personal link opens the right questionnaire in the right language."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, session
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from app import clock
from app.auth.access import current_staff
from app.auth.audit import record_event
from app.draft_cookies import remember_draft
from app.extensions import db
from app.invite.invitations import find_invitation, link_problem, mark_opened
from app.invite.models import Invitation
from app.languages import LANGUAGE_SESSION_KEY
from app.respond import drafts
from app.respond.audience_help import speak_to
from app.responses.models import Draft
from app.survey.models import Survey
from app.survey.publishing import current_version

blueprint = Blueprint("links", __name__, template_folder="templates")


@blueprint.get("/r/<token>")
def open_link(token: str) -> ResponseReturnValue:
    key = current_app.config["SECRET_KEY"]
    invitation = find_invitation(db.session, token, key)
    problem = link_problem(invitation, clock.utcnow())
    if problem == "unknown":
        return render_template("invite/link_unknown.html"), 404
    assert invitation is not None
    if problem is not None:
        return _link_ended(invitation, problem)
    version = current_version(db.session, invitation.survey_id)
    if version is None:
        return render_template("invite/link_unknown.html"), 404
    staff = current_staff()
    if staff is not None:
        # A personal link is for the person it was made for: opening it here would move
        # their unfinished answers into a member of staff's browser.
        record_event(
            db.session, staff.id, "invitation.opened_by_staff", "invitation", invitation.id
        )
        db.session.commit()
        return render_template("invite/link_staff.html"), 403
    session[LANGUAGE_SESSION_KEY] = invitation.language
    mark_opened(invitation)
    days = int(current_app.config["SAYSO_DRAFT_DAYS"])
    draft = db.session.scalar(
        select(Draft).where(Draft.invitation_id == invitation.id, Draft.expires_at > clock.utcnow())
    )
    if draft is None:
        draft, browser_token = drafts.create_draft(
            db.session,
            version.id,
            key,
            days,
            language=invitation.language,
            invitation_id=invitation.id,
        )
    else:
        # The link is the credential: opening it on a new device moves the draft there.
        browser_token = drafts.rotate_browser_token(db.session, draft, key)
    db.session.commit()
    response = redirect(f"/s/{invitation.survey_id}")
    return remember_draft(response, invitation.survey_id, browser_token)


def _link_ended(invitation: Invitation, problem: str) -> ResponseReturnValue:
    """A used, revoked or expired link still speaks to the person it was made for: a care
    leaver is not pointed to Childline, a child is spoken to as "ti"."""
    surveyed = db.session.get(Survey, invitation.survey_id)
    audience = surveyed.audience if surveyed is not None else None
    if audience is not None:
        speak_to(audience)
    if problem == "completed":
        page = render_template(
            "invite/link_used.html", survey_id=invitation.survey_id, audience=audience
        )
    else:
        page = render_template("invite/link_ended.html", problem=problem, audience=audience)
    return page, 410
