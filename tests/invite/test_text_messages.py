"""A reviewing officer sends a personal link by text message (GOV.UK Notify, here a local
fake of its API); Notify's delivery receipt then shows on the meeting in "My meetings"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.extensions import db
from app.invite.models import Invitation
from tests.auth.conftest import make_staff, sign_in
from tests.invite.test_meeting_pages import fill_meeting, publish_all
from tests.notify_server import SMS_TEMPLATE, FakeNotify, notify_for
from tests.pages import Page, get

CALLBACK_TOKEN = "receipts-token-for-the-tests-0123456789"


@pytest.fixture
def notify(app: Flask) -> Iterator[FakeNotify]:
    with notify_for(app, SAYSO_NOTIFY_CALLBACK_TOKEN=CALLBACK_TOKEN) as fake:
        yield fake


@pytest.fixture
def officer(app: Flask, client: FlaskClient) -> FlaskClient:
    publish_all()
    make_staff("iro@example.org", "iro")
    sign_in(client, "iro@example.org")
    return client


def state_tags(page: Page) -> list[str]:
    return [
        " ".join("".join(t.itertext()).split()) for t in page.select("strong", class_="govuk-tag")
    ]


def receipt(client: FlaskClient, body: dict[str, str], token: str = CALLBACK_TOKEN):  # type: ignore[no-untyped-def]
    return client.post("/notify/receipts", json=body, headers={"Authorization": f"Bearer {token}"})


def test_a_link_goes_by_text_and_its_delivery_receipt_shows_on_the_meeting(
    app: Flask, officer: FlaskClient, notify: FakeNotify
) -> None:
    page = fill_meeting(
        officer,
        [
            {"role": "child", "language": "cy", "email": "", "mobile": "+44 7700 900123"},
            {"role": "carer", "language": "en", "email": "", "mobile": "07700 900456"},
        ],
    )
    assert "Links created for 2 people." in page.text()
    child, carer = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
    texts = notify.texts()
    assert [t["phone_number"] for t in texts] == ["07700900123", "07700900456"]
    assert [t["reference"] for t in texts] == [f"invitation-{child.id}", f"invitation-{carer.id}"]
    assert texts[0]["personalisation"]["message"] == "Dywedwch eich barn:"
    assert texts[1]["personalisation"]["message"] == "Tell us what you think:"
    assert all(t["template_id"] == SMS_TEMPLATE for t in texts)
    meeting_path = page.response.request.path
    assert state_tags(get(officer, meeting_path)) == ["sent", "sent"]

    webhook = app.test_client()
    delivered = {"id": texts[0]["id"], "reference": f"invitation-{child.id}", "to": "07700900123"}
    assert receipt(
        webhook, delivered | {"status": "delivered", "notification_type": "sms"}
    ).json == {"recorded": True}
    failed = {"id": texts[1]["id"], "reference": f"invitation-{carer.id}", "to": "07700900456"}
    receipt(webhook, failed | {"status": "permanent-failure", "notification_type": "sms"})
    assert state_tags(get(officer, meeting_path)) == ["delivered", "not delivered"]
    assert state_tags(get(officer, "/staff/meetings")) == ["1 text not delivered"]


def test_receipts_without_notify_s_token_change_nothing(
    app: Flask, officer: FlaskClient, notify: FakeNotify
) -> None:
    fill_meeting(
        officer, [{"role": "child", "language": "en", "email": "", "mobile": "07700900123"}]
    )
    (text,) = notify.texts()
    invitation = db.session.scalars(select(Invitation)).one()
    body = {"id": text["id"], "reference": f"invitation-{invitation.id}", "status": "delivered"}
    webhook = app.test_client()
    assert receipt(webhook, body, token="guessed").status_code == 401
    assert webhook.post("/notify/receipts", json=body).status_code == 401
    # A receipt whose reference does not match the message is not believed either.
    assert receipt(webhook, body | {"reference": "invitation-999"}).json == {"recorded": False}
    db.session.expire_all()
    assert db.session.get(Invitation, invitation.id).text_status == "sending"


def test_a_mobile_number_that_is_not_a_uk_mobile_is_explained(
    officer: FlaskClient, notify: FakeNotify
) -> None:
    page = fill_meeting(officer, [{"role": "child", "language": "en", "mobile": "0113 496 0000"}])
    assert "Enter a UK mobile number, like 07700 900982" in page.error_summary()
    assert page.form().values("people-0-mobile") == ["0113 496 0000"]
    assert notify.texts() == []


def test_without_notify_there_is_no_mobile_field_and_no_receipt_url(app, officer):  # type: ignore[no-untyped-def]
    page = get(officer, "/staff/meetings/new")
    assert not page.select("input", name="people-0-mobile")
    assert app.test_client().post("/notify/receipts", json={}).status_code == 404
