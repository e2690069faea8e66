"""GOV.UK Notify: email and text messages through its REST API (``notifications-python-client``).

Settings: ``SAYSO_NOTIFY_API_KEY`` (switches email to Notify and makes texts possible),
``SAYSO_NOTIFY_EMAIL_TEMPLATE`` (a template whose subject is ``((subject))`` and body
``((body))``), ``SAYSO_NOTIFY_SMS_TEMPLATE`` (a text template ``((message)) ((link))``),
and ``SAYSO_NOTIFY_BASE_URL`` (Notify's own address unless set; the tests use a fake).

Errors: Notify refusing the message itself (400: a bad address or number) is a bounce,
never worth retrying; anything else (429, 5xx, a timeout) is worth retrying later.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from notifications_python_client.errors import APIError, HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

log = logging.getLogger(__name__)

NOTIFY_URL = "https://api.notifications.service.gov.uk"


class NotifyError(RuntimeError):
    """Notify could not take the message now (worth retrying later)."""


class NotifyRefused(NotifyError):
    """Notify refused the message itself (a bad address or number): retrying will not help."""


@dataclass(frozen=True)
class NotifySettings:
    api_key: str
    email_template: str | None
    sms_template: str | None
    base_url: str = NOTIFY_URL
    timeout: float = 10.0


def notify_settings(config: Any) -> NotifySettings | None:
    """Notify's settings from the app config, or ``None`` when Notify is not set up."""
    key = config.get("SAYSO_NOTIFY_API_KEY")
    if not key:
        return None
    return NotifySettings(
        api_key=key,
        email_template=config.get("SAYSO_NOTIFY_EMAIL_TEMPLATE"),
        sms_template=config.get("SAYSO_NOTIFY_SMS_TEMPLATE"),
        base_url=config.get("SAYSO_NOTIFY_BASE_URL") or NOTIFY_URL,
        timeout=float(config.get("SAYSO_NOTIFY_TIMEOUT") or 10.0),
    )


def _client(settings: NotifySettings) -> NotificationsAPIClient:
    return NotificationsAPIClient(
        settings.api_key, base_url=settings.base_url, timeout=settings.timeout
    )


def send_notify_email(
    settings: NotifySettings, to: str, subject: str, body: str, reference: str | None
) -> str:
    """Send one email through Notify; returns Notify's id for it."""
    if not settings.email_template:
        raise NotifyRefused("SAYSO_NOTIFY_EMAIL_TEMPLATE is not set")
    return _sent(
        lambda client: client.send_email_notification(
            email_address=to,
            template_id=settings.email_template,
            personalisation={"subject": subject, "body": body},
            reference=reference,
        ),
        settings,
        "email",
    )


def send_notify_text(
    settings: NotifySettings, phone: str, personalisation: dict[str, str], reference: str
) -> str:
    """Send one text message through Notify; returns Notify's id for it."""
    if not settings.sms_template:
        raise NotifyRefused("SAYSO_NOTIFY_SMS_TEMPLATE is not set")
    return _sent(
        lambda client: client.send_sms_notification(
            phone_number=phone,
            template_id=settings.sms_template,
            personalisation=personalisation,
            reference=reference,
        ),
        settings,
        "text message",
    )


def _sent(send: Any, settings: NotifySettings, kind: str) -> str:
    try:
        answer = send(_client(settings))
    except HTTPError as exc:
        # The status only: Notify's message can quote the address or number.
        log.warning("Notify refused a %s: status=%s", kind, exc.status_code)
        if exc.status_code == 400:
            raise NotifyRefused(f"status {exc.status_code}") from exc
        raise NotifyError(f"status {exc.status_code}") from exc
    except (APIError, OSError) as exc:
        log.warning("Notify could not be reached for a %s: %s", kind, type(exc).__name__)
        raise NotifyError(type(exc).__name__) from exc
    return str(answer.get("id", ""))
