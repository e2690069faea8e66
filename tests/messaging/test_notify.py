"""GOV.UK Notify as the channel: personal links by text message, and every email, sent to
a local fake of Notify's documented API, never the real service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask_babel import force_locale, gettext

from app.invite.invitations import invitation_link
from app.invite.sending import send_invitation
from app.invite.texts import invitation_text, send_invitation_text, text_as_sent
from app.languages import available_languages
from app.messaging.notify import NotifyError, NotifyRefused, notify_settings
from app.messaging.sms import sms_parts
from tests.conftest import SURVEYS, publish
from tests.notify_server import API_KEY, SMS_TEMPLATE, FakeNotify, notify_for
from tests.report.factories import make_invitation

EMAIL_TEMPLATE = "a9c2d6a4-0b8f-4a4b-9f38-5a0d3b3d8c11"
# A council's address as long as most: every byte of it is in every text.
BASE_URL = "https://feedback.northshire.gov.uk"


@pytest.fixture
def notify(sqlite_app: Flask) -> Iterator[FakeNotify]:
    with notify_for(
        sqlite_app, SAYSO_NOTIFY_EMAIL_TEMPLATE=EMAIL_TEMPLATE, SAYSO_BASE_URL=BASE_URL
    ) as fake:
        publish(Path(SURVEYS) / "lac-review-child.yaml")
        yield fake


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_personal_link_goes_by_text_with_template_personalisation_and_reference(
    sqlite_app: Flask, notify: FakeNotify, language: str
) -> None:
    invitation = make_invitation("lac-review-child", language=language)
    settings = notify_settings(sqlite_app.config)
    assert settings is not None
    with sqlite_app.test_request_context():
        notification_id = send_invitation_text(
            settings, invitation, "07700 900123", reference=f"invitation-{invitation.id}"
        )
    (text,) = notify.texts()
    with force_locale(language):
        message = gettext("Tell us what you think:")
    assert text["id"] == notification_id
    assert text["template_id"] == SMS_TEMPLATE
    assert text["phone_number"] == "07700 900123"
    assert text["reference"] == f"invitation-{invitation.id}"
    link = invitation_link(invitation, sqlite_app.config["SECRET_KEY"], BASE_URL)
    assert text["personalisation"] == {"message": message, "link": link}
    if language == "cy":
        assert message == "Dywedwch eich barn:"


def test_a_number_notify_refuses_is_not_retried(sqlite_app: Flask, notify: FakeNotify) -> None:
    invitation = make_invitation("lac-review-child")
    settings = notify_settings(sqlite_app.config)
    assert settings is not None
    with sqlite_app.test_request_context(), pytest.raises(NotifyRefused):
        send_invitation_text(settings, invitation, "0113 496 0000", reference="landline")
    assert notify.texts() == []


def test_a_wrong_key_is_worth_retrying_once_fixed_not_a_bounce(
    sqlite_app: Flask, notify: FakeNotify
) -> None:
    wrong = API_KEY[:-4] + "0000"
    sqlite_app.config["SAYSO_NOTIFY_API_KEY"] = wrong
    settings = notify_settings(sqlite_app.config)
    invitation = make_invitation("lac-review-child")
    with sqlite_app.test_request_context(), pytest.raises(NotifyError) as raised:
        send_invitation_text(settings, invitation, "07700 900123", reference="x")  # type: ignore[arg-type]
    assert not isinstance(raised.value, NotifyRefused)


def test_invitation_emails_go_through_notify_when_it_is_set_up(
    sqlite_app: Flask, notify: FakeNotify
) -> None:
    from app.extensions import db

    invitation = make_invitation("lac-review-child", language="cy")
    invitation.email = "young.person@example.org"
    db.session.commit()
    with sqlite_app.test_request_context():
        assert send_invitation(db.session, invitation.id) == "sent"
    (email,) = notify.emails()
    assert email["template_id"] == EMAIL_TEMPLATE
    assert email["email_address"] == "young.person@example.org"
    assert set(email["personalisation"]) == {"subject", "body"}
    link = invitation_link(invitation, sqlite_app.config["SECRET_KEY"], BASE_URL)
    assert link in email["personalisation"]["body"]
    assert not (Path(sqlite_app.instance_path) / "mail").exists()  # nothing left for SMTP


def test_the_text_fits_one_sms_part_in_every_shipped_language(
    sqlite_app: Flask, notify: FakeNotify
) -> None:
    with sqlite_app.test_request_context():
        languages = [language.code for language in available_languages()]
        assert {"en", "cy", "ar"} <= set(languages)
        for code in languages:
            invitation = make_invitation("lac-review-child", language=code)
            text = text_as_sent(invitation_text(invitation))
            assert sms_parts(text) == 1, (code, text, len(text))


def test_staff_emails_go_through_the_same_channel(sqlite_app: Flask, notify: FakeNotify) -> None:
    """Alerts, report emails and sign-in warnings all send through app.mail.send_email,
    which picks Notify when it is set up: one of them, end to end."""
    from app.auth.warnings import send_sign_in_warning
    from app.extensions import db
    from tests.auth.conftest import make_staff

    lead = make_staff("lead@example.org", "safeguarding_lead")
    with sqlite_app.test_request_context():
        assert send_sign_in_warning(db.session, lead.id) == "sent"
    (email,) = notify.emails()
    assert email["email_address"] == "lead@example.org"
    assert email["template_id"] == EMAIL_TEMPLATE
    assert email["personalisation"]["subject"].startswith("Unsuccessful attempts to sign in")
    assert "Your account has not been locked" in " ".join(email["personalisation"]["body"].split())


def test_without_a_key_email_stays_on_smtp(sqlite_app: Flask) -> None:
    assert notify_settings(sqlite_app.config) is None
