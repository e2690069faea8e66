"""Telling an account holder that their account sees many failed sign-ins."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template
from sqlalchemy.orm import Session

from app.auth.models import StaffUser
from app.auth.signin import WARN_AFTER_FAILURES
from app.mail import Email, send_email


def sign_in_warning_email(user: StaffUser) -> Email:
    config = current_app.config
    text = render_template(
        "auth/email/sign_in_warning.txt",
        failures=WARN_AFTER_FAILURES,
        service=config["SAYSO_SERVICE_NAME"],
        council=config["SAYSO_COUNCIL_NAME"],
        link=f"{config['SAYSO_BASE_URL']}/staff/sign-in",
    )
    subject = f"Unsuccessful attempts to sign in to your {config['SAYSO_SERVICE_NAME']} account"
    return Email(to=user.email, subject=subject, text=text)


def send_sign_in_warning(session: Session, user_id: int) -> str:
    """Email the warning (the decision to send it was recorded when it was queued)."""
    user = session.get(StaffUser, user_id)
    if user is None or not user.is_active:
        return "no such account"
    config = current_app.config
    send_email(
        sign_in_warning_email(user),
        smtp_url=config["SAYSO_SMTP_URL"],
        sender=config["SAYSO_MAIL_FROM"],
        sender_name=f"{config['SAYSO_SERVICE_NAME']}, {config['SAYSO_COUNCIL_NAME']}",
        outbox=Path(current_app.instance_path) / "mail",
    )
    return "sent"
