"""Staff pages for links: a meeting's links, "my meetings", reminders, revoking, campaigns."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms.fields.choices import SelectChoice

from app import clock
from app.auth.access import current_staff, staff_required
from app.extensions import db
from app.invite.campaigns import create_campaign_invitations, read_campaign
from app.invite.feedback import chair_feedback
from app.invite.forms import CampaignForm, MeetingForm
from app.invite.invitations import invitation_link, revoke_invitation
from app.invite.meetings import Person, create_meeting
from app.invite.models import MEETING_KINDS, RESPONDENT_ROLES, Invitation, Meeting
from app.invite.qr import qr_svg
from app.invite.sending import reminder_due
from app.languages import available_languages
from app.survey.models import Survey
from app.tasks import enqueue

blueprint = Blueprint("meetings", __name__, url_prefix="/staff", template_folder="templates")
CHAIRS = ("iro", "admin")


def _language_choices() -> list[SelectChoice]:
    return [SelectChoice(lang.code, lang.name) for lang in available_languages()]


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
                enqueue("send-invitation-email", new.invitation.id)
        flash(_("Links created for %(count)s people.", count=len(invitations)))
        return redirect(url_for("meetings.meeting", meeting_id=meeting.id))
    return render_template("invite/new_meeting.html", form=form)


@blueprint.get("/meetings/<int:meeting_id>")
@staff_required(*CHAIRS)
def meeting(meeting_id: int) -> ResponseReturnValue:
    found = _own_meeting(meeting_id)
    config = current_app.config
    now = clock.utcnow()
    rows = []
    for invitation in found.invitations:
        link = invitation_link(invitation, config["SECRET_KEY"], config["SAYSO_BASE_URL"])
        with force_locale(invitation.language):
            message = _(
                "Please tell us what you thought of your meeting. It takes about 5 "
                "minutes and you can skip any question: %(link)s",
                link=link,
            )
        rows.append(
            {
                "invitation": invitation,
                "link": link,
                "message": message,
                "state": invitation.state(now),
                "role": RESPONDENT_ROLES.get(invitation.respondent_role or "", ""),
                "qr": qr_svg(
                    link,
                    _(
                        "QR code for the link for %(role)s",
                        role=RESPONDENT_ROLES.get(invitation.respondent_role or "", ""),
                    ),
                ),
                "can_remind": reminder_due(invitation, None),
            }
        )
    return render_template(
        "invite/meeting.html",
        meeting=found,
        rows=rows,
        kind=MEETING_KINDS[found.kind],
        response_rate=_rate(found.invitations),
    )


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
        enqueue("send-reminder-email", invitation.id, True)
        flash(_("A reminder is on its way."))
    else:
        flash(_("A reminder cannot be sent for this link."))
    return redirect(url_for("meetings.meeting", meeting_id=meeting_id))


@blueprint.post("/meetings/<int:meeting_id>/invitations/<int:invitation_id>/revoke")
@staff_required(*CHAIRS)
def revoke(meeting_id: int, invitation_id: int) -> ResponseReturnValue:
    invitation = _own_invitation(meeting_id, invitation_id)
    revoke_invitation(invitation)
    db.session.commit()
    flash(_("That link has been stopped. It cannot be used any more."))
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
        (s.id, s.title)
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
                enqueue("send-invitation-email", new.invitation.id)
            flash(_("%(count)s invitations are being sent.", count=len(created)))
            return redirect(url_for("meetings.new_campaign"))
    return render_template("invite/new_campaign.html", form=form, problems=problems)
