"""Sending email through ``SAYSO_SMTP_URL``, or, with none set, to the log and a folder.

Log lines never carry an address or a link token: with no SMTP server the whole message
is written to ``instance/mail/`` for a developer to read, and the log says where.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlparse

from flask import current_app, has_app_context

from app.messaging.notify import (
    NotifyError,
    NotifyRefused,
    NotifySettings,
    notify_settings,
    send_notify_email,
)

log = logging.getLogger(__name__)
# Seconds to wait for the mail server at each step, unless SAYSO_SMTP_TIMEOUT says otherwise.
SMTP_TIMEOUT = 10.0
TOKEN_LINK = re.compile(r"/(r|staff/set-password)/[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str | None = None
    language: str = "en"


class MailError(RuntimeError):
    """The SMTP server could not take the message (worth retrying later)."""


class MailBounced(MailError):
    """The server refused the address itself: retrying will not help."""


def build_message(email: Email, sender: str, sender_name: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = formataddr((sender_name, sender))
    message["To"] = email.to
    message["Subject"] = email.subject
    message["Content-Language"] = email.language
    message["Message-ID"] = make_msgid(domain=sender.split("@")[-1])
    message.set_content(email.text)
    if email.html:
        message.add_alternative(email.html, subtype="html")
    return message


def send_email(
    email: Email, smtp_url: str | None, sender: str, sender_name: str, outbox: Path
) -> None:
    """Send one email; raise :class:`MailError` on a failure worth retrying.

    With ``SAYSO_NOTIFY_API_KEY`` set it goes through GOV.UK Notify instead of SMTP (the
    sender's name and address are then the Notify service's own)."""
    notify = notify_settings(current_app.config) if has_app_context() else None
    if notify is not None:
        _send_through_notify(notify, email)
        return
    message = build_message(email, sender, sender_name)
    if not smtp_url:
        outbox.mkdir(parents=True, exist_ok=True)
        path = outbox / f"{message['Message-ID'].strip('<>').split('@')[0]}.eml"
        path.write_bytes(bytes(message))
        log.info(
            "no SMTP server set; email %r written to %s",
            TOKEN_LINK.sub(r"/\1/(hidden)", email.subject),
            path,
        )
        return
    _deliver(message, smtp_url, _smtp_timeout())


def _send_through_notify(settings: NotifySettings, email: Email) -> None:
    try:
        send_notify_email(settings, email.to, email.subject, email.text, reference=None)
    except NotifyRefused as exc:
        raise MailBounced("Notify refused the address") from exc
    except NotifyError as exc:
        raise MailError("Notify unavailable") from exc


def _smtp_timeout() -> float:
    if has_app_context():
        return float(current_app.config.get("SAYSO_SMTP_TIMEOUT", SMTP_TIMEOUT))
    return SMTP_TIMEOUT


def _deliver(message: EmailMessage, smtp_url: str, timeout: float) -> None:
    url = urlparse(smtp_url)
    host, port = url.hostname or "localhost", url.port
    try:
        if url.scheme == "smtps":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                host, port or 465, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(host, port or 25, timeout=timeout)
            if url.scheme == "smtp+starttls":
                client.starttls(context=ssl.create_default_context())
        with client:
            if url.username:
                client.login(unquote(url.username), unquote(url.password or ""))
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailBounced("recipient refused") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(type(exc).__name__) from exc
