"""A personal link belongs to the person it was made for: staff see it once to pass it
on, then only its state; a signed-in member of staff cannot open it (and so cannot take
the child's unfinished answers); a fresh link is how to send it again; all audited."""

from __future__ import annotations

from urllib.parse import urlparse

from sqlalchemy import select

from app.auth.models import AuditEvent
from app.extensions import db
from app.invite.models import Invitation
from tests.auth.conftest import make_staff, sign_in
from tests.invite.test_meeting_pages import fill_meeting, publish_all
from tests.pages import Form, Page, get


def links_on(page: Page) -> list[str]:
    return [(el.text or "").strip() for el in page.select("textarea", class_="sayso-copy-source")]


def button(page: Page, ending: str) -> Form:
    forms = [f for f in page.select("form") if f.get("action", "").endswith(ending)]
    return Form(forms[0], page.response.request.path)


def audited(action: str) -> int:
    return len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)).all())


def test_staff_see_a_link_once_then_its_state_and_make_a_fresh_one(app, client):
    publish_all()
    make_staff("iro@example.org", "iro")
    sign_in(client, "iro@example.org")
    page = fill_meeting(client, [{"role": "child", "language": "en", "email": ""}])
    [link] = links_on(page)
    meeting_path = page.response.request.path
    assert audited("invitation.link_shown") == 1

    again = get(client, meeting_path)
    assert links_on(again) == [] and "/r/" not in again.response.get_data(as_text=True)
    assert "it is not shown again" in again.text()

    # The child opens it and starts; the officer makes a fresh link to send it again.
    child = app.test_client()
    assert child.get(urlparse(link).path).status_code == 302
    fresh = button(again, "/fresh").submit(client)
    assert "Here is a fresh link to pass on. The old link no longer opens." in fresh.text()
    [new_link] = links_on(fresh)
    assert new_link != link
    assert child.get(urlparse(link).path).status_code == 410
    assert app.test_client().get(urlparse(new_link).path).status_code == 302
    assert audited("invitation.replaced") == 1 and audited("invitation.fresh_link") == 1
    assert audited("invitation.link_shown") == 2

    button(get(client, meeting_path), "/revoke").submit(client)
    assert audited("invitation.revoked") == 1


def test_a_signed_in_officer_cannot_open_a_child_s_draft_through_the_link(app, client):
    publish_all()
    make_staff("iro@example.org", "iro")
    sign_in(client, "iro@example.org")
    page = fill_meeting(client, [{"role": "child", "language": "en", "email": ""}])
    path = urlparse(links_on(page)[0]).path

    child = app.test_client()
    start = get(child, path)  # follows to the questionnaire's start page
    child_cookies = {c.key: c.value for c in child._cookies.values()}
    refused = client.get(path)
    assert refused.status_code == 403
    assert "This link is for the person it was made for" in refused.get_data(as_text=True)
    assert audited("invitation.opened_by_staff") == 1
    # The child carries on where they were: their draft did not move.
    assert {c.key: c.value for c in child._cookies.values()} == child_cookies
    assert get(child, start.response.request.path).status == 200
    invitation = db.session.scalars(select(Invitation)).one()
    assert invitation.opened_at is not None
