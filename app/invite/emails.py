"""The invitation and reminder emails, in the invited person's language."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from app.invite.invitations import invitation_link
from app.invite.models import Invitation
from app.mail import Email
from app.service_names import council_name, service_name
from app.survey.schema import MEETING_KINDS


def invitation_email(invitation: Invitation, reminder: bool = False) -> Email:
    """Build the email for an invitation that has an address."""
    assert invitation.email is not None
    config = current_app.config
    link = invitation_link(invitation, config["SECRET_KEY"], config["SAYSO_BASE_URL"])
    meeting = invitation.meeting
    values = {
        "link": link,
        "meeting_kind": MEETING_KINDS.get(meeting.kind) if meeting else None,
        "meeting_date": meeting.held_on if meeting else None,
        "expires_on": invitation.expires_at.date(),
        "reminder": reminder,
        "respondent_role": invitation.respondent_role,
    }
    with force_locale(invitation.language):
        values["council"] = council_name(config, invitation.language)
        values["service"] = service_name(config, invitation.language)
        subject = (
            _("Reminder: tell us what you thought") if reminder else _("Tell us what you thought")
        )
        if values["meeting_kind"]:
            values["meeting_kind"] = str(values["meeting_kind"])  # a lazy label, now in locale
        text = render_template("invite/email/invitation.txt", **values)
        html = render_template("invite/email/invitation.html", **values)
    return Email(
        to=invitation.email, subject=subject, text=text, html=html, language=invitation.language
    )
