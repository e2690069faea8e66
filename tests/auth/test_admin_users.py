"""``/admin/users``: only administrators see and deactivate accounts."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import AuditEvent, StaffUser
from app.clock import uk_time
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in, sign_out
from tests.pages import get


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/sign-in?next=/admin/users"


def test_other_roles_get_403(new_client):
    for role in ("iro", "participation_lead", "safeguarding_lead"):
        make_staff(f"{role}@example.org", role=role)
        client = new_client()
        sign_in(client, f"{role}@example.org")
        page = get(client, "/admin/users", status=403)
        assert page.h1() == "You cannot see this page"
        assert client.get("/admin/users/1/deactivate").status_code == 403


def test_admin_sees_every_account_with_role_team_and_last_sign_in(app, client):
    make_staff("admin@example.org", role="admin", team=None)
    make_staff("chair@example.org", role="iro", team="IRO service")
    sign_in(client, "admin@example.org")
    page = get(client, "/admin/users")
    assert page.h1() == "Staff accounts"
    cards = [
        " ".join("".join(c.itertext()).split())
        for c in page.select("div", class_="govuk-summary-card")
    ]
    assert len(cards) == 2
    assert "admin@example.org" in cards[0] and "Administrator" in cards[0]
    by_email = select(StaffUser).where(StaffUser.email == "admin@example.org")
    admin = db.session.scalars(by_email).one()
    with app.test_request_context():
        signed_in = uk_time(admin.last_sign_in_at)  # as people in the UK read the clock
    assert "No team" in cards[0] and signed_in in cards[0] and "UTC" not in cards[0]
    assert "chair@example.org" in cards[1] and "IRO service" in cards[1]
    assert "Never" in cards[1]
    # An admin cannot lock themselves out; others can be deactivated.
    assert "Deactivate" not in cards[0] and "Deactivate" in cards[1]


def test_admin_home_links_to_staff_accounts(client):
    make_staff("admin@example.org", role="admin")
    page = sign_in(client, "admin@example.org")
    assert page.link("Manage staff accounts") == "/admin/users"


def test_every_link_on_the_staff_home_page_works(client):
    for role in ("admin", "iro", "participation_lead", "safeguarding_lead"):
        make_staff(f"{role}@example.org", role=role)
        page = sign_in(client, f"{role}@example.org")
        main = page.select("main")[0]
        for link in main.iter("{http://www.w3.org/1999/xhtml}a"):
            assert client.get(link.get("href")).status_code == 200, (role, link.get("href"))
        sign_out(client)


def test_admin_deactivates_an_account_which_is_signed_out_at_once(client, new_client):
    make_staff("admin@example.org", role="admin")
    chair = make_staff("chair@example.org", role="iro")
    chair_browser = new_client()
    sign_in(chair_browser, "chair@example.org")
    sign_in(client, "admin@example.org")

    page = get(client, "/admin/users")
    page = get(client, page.link("Deactivate"))
    assert page.h1() == "Deactivate chair@example.org?"
    page = page.form().submit(client)
    assert page.h1() == "Staff accounts"
    assert "chair@example.org can no longer sign in." in page.text()

    assert db.session.get(StaffUser, chair.id).deactivated_at is not None
    assert chair_browser.get("/staff").status_code == 302
    assert sign_in(chair_browser, "chair@example.org").error_summary() == [
        "Enter a correct email address and password"
    ]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "account_deactivated")
    ).one()
    admin = db.session.scalars(select(StaffUser).where(StaffUser.role == "admin")).one()
    assert (event.actor_id, event.object_id) == (admin.id, str(chair.id))


def test_deactivation_needs_a_csrf_token_and_cannot_target_yourself(client):
    admin = make_staff("admin@example.org", role="admin")
    chair = make_staff("chair@example.org", role="iro")
    sign_in(client, "admin@example.org")
    assert client.post(f"/admin/users/{chair.id}/deactivate").status_code == 400
    assert db.session.get(StaffUser, chair.id).is_active
    assert client.get(f"/admin/users/{admin.id}/deactivate").status_code == 403
    assert client.get("/admin/users/999/deactivate").status_code == 404
