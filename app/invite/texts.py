"""Personal links by text message, in the invited person's language, in one SMS part.

The Notify template is ``((message)) ((link))``: one short sentence and the link. The
sentence is translated like every other string; ``tests/messaging`` measures every
shipped language in real SMS parts (Arabic, Farsi, Pashto and Ukrainian need UCS-2, where
one part holds 70 characters, 57 of them the link).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from app.invite.invitations import invitation_link
from app.invite.models import Invitation
from app.messaging.notify import NotifySettings, send_notify_text
from app.messaging.sms import sms_parts


def invitation_text(invitation: Invitation) -> dict[str, str]:
    """The personalisation for the text-message template: ``message`` and ``link``."""
    config = current_app.config
    link = invitation_link(invitation, config["SECRET_KEY"], config["SAYSO_BASE_URL"])
    with force_locale(invitation.language):
        message = _("Tell us what you think:")
    return {"message": message, "link": link}


def text_as_sent(personalisation: dict[str, str]) -> str:
    """The text as the phone shows it (the template joins the two with a space)."""
    return f"{personalisation['message']} {personalisation['link']}"


def send_invitation_text(
    settings: NotifySettings, invitation: Invitation, phone: str, reference: str
) -> str:
    """Text the personal link to ``phone``; returns Notify's id for the message."""
    personalisation = invitation_text(invitation)
    if sms_parts(text_as_sent(personalisation)) > 1:
        # Longer texts cost more and arrive in pieces; shipped languages are kept to one.
        current_app.logger.warning("invitation text is longer than one SMS part")
    return send_notify_text(settings, phone, personalisation, reference)
