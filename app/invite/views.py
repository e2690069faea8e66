"""Staff pages for links: a meeting's links, "my meetings", reminders, revoking, campaigns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from app import clock
from app.auth.access import current_staff, staff_required
from app.auth.audit import Detail, record_event
from app.extensions import db
from app.form_base import language_choice
from app.invite.campaigns import create_campaign_invitations, read_campaign
from app.invite.feedback import chair_feedback
from app.invite.forms import CampaignForm, MeetingForm
from app.invite.invitations import (
    fresh_invitation,
    invitation_link,
    link_may_be_shown,
    revoke_invitation,
)
from app.invite.meetings import Person, create_meeting
from app.invite.models import RESPONDENT_ROLES, Invitation, Meeting
from app.invite.qr import qr_svg
from app.invite.sending import reminder_due
from app.invite.tasks import send_invitation_task, send_invitation_text_task, send_reminder_task
from app.languages import available_languages
from app.survey.models import Survey
from app.survey.schema import MEETING_KINDS
from app.survey.translation import survey_text
from app.tasks import enqueue

blueprint = Blueprint("meetings", __name__, url_prefix="/staff", template_folder="templates")
CHAIRS = ("iro", "admin")


def _language_choices() -> list[SelectChoice]:
    return [language_choice(lang.code, lang.name, lang.direction) for lang in available_languages()]


def _own_meeting(meeting_id: int) -> Meeting:
    """A meeting the signed-in officer created; anybody else's is a 404, not a 403."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.chair_id != current_staff().id:
        abort(404)
    return meeting


@blueprint.route("/meetings/new", methods=["GET", "POST"])
@staff_required(*CHAIRS)
def new_meeting() -> ResponseReturnValue:
    form = MeetingForm()
    for row in form.people.entries:
        row.form.language.choices = _language_choices()
    if form.validate_on_submit():
        staff = current_staff()
        config = current_app.config
        people = [
            Person(
                row.form.role.data,
                row.form.language.data or "en",
                (row.form.email.data or "").strip() or None,
                (row.form.mobile.data or None) if texts_possible() else None,
            )
            for row in form.people.entries
            if row.form.role.data
        ]
        meeting, invitations = create_meeting(
            db.session,
            kind=form.kind.data,
            held_on=form.held_on.data,
            team_id=staff.team_id,
            chair_id=staff.id,
            child_age=form.child_age.data,
            case_reference=(form.case_reference.data or "").strip() or None,
            people=people,
            key=config["SECRET_KEY"],
            days=int(config["SAYSO_INVITATION_DAYS"]),
        )
        db.session.commit()
        for new in invitations:
            if new.invitation.email:
                enqueue(send_invitation_task, new.invitation.id)
            if new.invitation.mobile:
                enqueue(send_invitation_text_task, new.invitation.id)
        flash(_("Links created for %(count)s people.", count=len(invitations)))
        return redirect(url_for("meetings.meeting", meeting_id=meeting.id))
    return render_template("invite/new_meeting.html", form=form, texts=texts_possible())


def texts_possible() -> bool:
    """Personal links can go by text message only through GOV.UK Notify."""
    config = current_app.config
    return bool(config.get("SAYSO_NOTIFY_API_KEY") and config.get("SAYSO_NOTIFY_SMS_TEMPLATE"))


@blueprint.get("/meetings/<int:meeting_id>")
@staff_required(*CHAIRS)
def meeting(meeting_id: int) -> ResponseReturnValue:
    found = _own_meeting(meeting_id)
    now = clock.utcnow()
    rows = [_invitation_row(invitation, now) for invitation in found.invitations]
    db.session.commit()  # the links shown now are never shown again
    return render_template(
        "invite/meeting.html",
        meeting=found,
        rows=rows,
        kind=MEETING_KINDS[found.kind],
        response_rate=_rate(found.invitations),
    )


def _invitation_row(invitation: Invitation, now: datetime) -> dict[str, Any]:
    """What the meeting page shows of one link: the working link only the first time."""
    role = RESPONDENT_ROLES.get(invitation.respondent_role or "", "")
    row: dict[str, Any] = {
        "invitation": invitation,
        "state": invitation.state(now),
        "state_label": invitation.state_label(now),
        "role": role,
        "can_remind": reminder_due(invitation, None),
        "link": None,
    }
    if not link_may_be_shown(invitation):
        return row
    config = current_app.config
    link = invitation_link(invitation, config["SECRET_KEY"], config["SAYSO_BASE_URL"])
    with force_locale(invitation.language):
        row["message"] = _(
            "Please tell us what you thought of your meeting. It takes about 5 "
            "minutes and you can skip any question: %(link)s",
            link=link,
        )
    row["link"] = link
    row["qr"] = qr_svg(link, _("QR code for the link for %(role)s", role=role))
    invitation.link_shown_at = now
    record_event(
        db.session,
        current_staff().id,
        "invitation.link_shown",
        "invitation",
        invitation.id,
        _about(invitation),
    )
    return row


def _about(invitation: Invitation) -> dict[str, Detail]:
    return {"meeting": invitation.meeting_id or 0}


def _rate(invitations: list[Invitation]) -> str:
    if not invitations:
        return "0%"
    done = sum(1 for i in invitations if i.completed_at)
    return f"{round(100 * done / len(invitations))}%"


@blueprint.get("/meetings")
@staff_required(*CHAIRS)
def my_meetings() -> ResponseReturnValue:
    meetings = db.session.scalars(
        select(Meeting)
        .options(selectinload(Meeting.invitations))  # one query for all, not one per meeting
        .where(Meeting.chair_id == current_staff().id)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .limit(200)
    ).all()
    now = clock.utcnow()
    summaries = []
    for item in meetings:
        states = [i.state(now) for i in item.invitations]
        summaries.append(
            {
                "meeting": item,
                "kind": MEETING_KINDS[item.kind],
                "asked": len(states),
                "completed": states.count("completed"),
                "not_delivered": states.count("not delivered"),
                "rate": _rate(item.invitations),
            }
        )
    return render_template("invite/my_meetings.html", summaries=summaries)


def _own_invitation(meeting_id: int, invitation_id: int) -> Invitation:
    _own_meeting(meeting_id)
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.meeting_id != meeting_id:
        abort(404)
    return invitation


@blueprint.post("/meetings/<int:meeting_id>/invitations/<int:invitation_id>/remind")
@staff_required(*CHAIRS)
def remind(meeting_id: int, invitation_id: int) -> ResponseReturnValue:
    invitation = _own_invitation(meeting_id, invitation_id)
    if reminder_due(invitation, None):
        record_event(
            db.session,
            current_staff().id,
            "invitation.reminder_asked",
            "invitation",
            invitation.id,
            _about(invitation),
        )
        db.session.commit()
        enqueue(send_reminder_task, invitation.id, True)
        flash(_("A reminder is on its way."))
    else:
        flash(_("A reminder cannot be sent for this link."))
    return redirect(url_for("meetings.meeting", meeting_id=meeting_id))


@blueprint.post("/meetings/<int:meeting_id>/invitations/<int:invitation_id>/revoke")
@staff_required(*CHAIRS)
def revoke(meeting_id: int, invitation_id: int) -> ResponseReturnValue:
    invitation = _own_invitation(meeting_id, invitation_id)
    revoke_invitation(invitation)
    record_event(
        db.session,
        current_staff().id,
        "invitation.revoked",
        "invitation",
        invitation.id,
        _about(invitation),
    )
    db.session.commit()
    flash(_("That link has been stopped. It cannot be used any more."))
    return redirect(url_for("meetings.meeting", meeting_id=meeting_id))


@blueprint.post("/meetings/<int:meeting_id>/invitations/<int:invitation_id>/fresh")
@staff_required(*CHAIRS)
def fresh_link(meeting_id: int, invitation_id: int) -> ResponseReturnValue:
    """Send a link again: a fresh one for the same person; the old one stops opening."""
    invitation = _own_invitation(meeting_id, invitation_id)
    if invitation.completed_at is not None:
        flash(_("This person has already answered, so they do not need a new link."))
        return redirect(url_for("meetings.meeting", meeting_id=meeting_id))
    config = current_app.config
    new = fresh_invitation(
        db.session, invitation, config["SECRET_KEY"], int(config["SAYSO_INVITATION_DAYS"])
    )
    record_event(
        db.session,
        current_staff().id,
        "invitation.replaced",
        "invitation",
        invitation.id,
        _about(invitation),
    )
    record_event(
        db.session,
        current_staff().id,
        "invitation.fresh_link",
        "invitation",
        new.invitation.id,
        _about(new.invitation),
    )
    db.session.commit()
    if new.invitation.mobile:
        enqueue(send_invitation_text_task, new.invitation.id)
    if new.invitation.email:
        enqueue(send_invitation_task, new.invitation.id)
    if new.invitation.mobile:
        flash(_("A fresh link is on its way by text message. The old link no longer opens."))
    elif new.invitation.email:
        flash(_("A fresh link is on its way by email. The old link no longer opens."))
    else:
        flash(_("Here is a fresh link to pass on. The old link no longer opens."))
    return redirect(url_for("meetings.meeting", meeting_id=meeting_id))


@blueprint.get("/my-feedback")
@staff_required(*CHAIRS)
def my_feedback() -> ResponseReturnValue:
    threshold = int(current_app.config["SAYSO_SUPPRESSION_THRESHOLD"])
    today = clock.utcnow().date()
    feedback = chair_feedback(db.session, current_staff().id, threshold, today)
    return render_template("invite/my_feedback.html", feedback=feedback, threshold=threshold)


@blueprint.route("/campaigns/new", methods=["GET", "POST"])
@staff_required("participation_lead", "admin")
def new_campaign() -> ResponseReturnValue:
    form = CampaignForm()
    form.survey.choices = [
        (s.id, survey_text(s.title))
        for s in db.session.scalars(
            select(Survey).where(Survey.current_version_id.is_not(None)).order_by(Survey.title)
        )
    ]
    problems = []
    if form.validate_on_submit():
        languages = {lang.code for lang in available_languages()}
        rows, problems = read_campaign(form.people.data.read(1024 * 1024 + 1), languages)
        if not problems:
            staff = current_staff()
            config = current_app.config
            created = create_campaign_invitations(
                db.session,
                form.survey.data,
                rows,
                key=config["SECRET_KEY"],
                days=int(config["SAYSO_INVITATION_DAYS"]),
                created_by_id=staff.id,
                team_id=staff.team_id,
            )
            db.session.commit()
            for new in created:
                enqueue(send_invitation_task, new.invitation.id)
            flash(_("%(count)s invitations are being sent.", count=len(created)))
            return redirect(url_for("meetings.new_campaign"))
    return render_template("invite/new_campaign.html", form=form, problems=problems)
