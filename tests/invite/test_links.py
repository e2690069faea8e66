"""Personal links: the right questionnaire, single use, expiry, revocation, hash-only storage."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from app import clock
from app.extensions import db
from app.invite.invitations import create_invitation, revoke_invitation
from app.invite.models import Invitation
from app.responses.models import Response
from tests.pages import get
from tests.respond.test_journey import answer


def invite(app, survey_id: str, **kwargs) -> tuple[Invitation, str]:
    new = create_invitation(
        db.session, survey_id=survey_id, key=app.config["SECRET_KEY"], days=28, **kwargs
    )
    db.session.commit()
    return new.invitation, new.token


def test_cli_prints_a_short_link(app, runner, every_type):
    result = runner.invoke(
        args=["invite", "create", "--survey", every_type, "--context", "meeting_kind=lac_review"]
    )
    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith(app.config["SAYSO_BASE_URL"] + "/r/")
    token = link.rsplit("/", 1)[1]
    assert len(token) == 22  # 128 bits, URL-safe
    assert len(link) < 80
    invitation = db.session.scalars(select(Invitation)).one()
    assert invitation.context == {"meeting_kind": "lac_review"}


def test_cli_refuses_an_unknown_survey(runner, every_type):
    result = runner.invoke(args=["invite", "create", "--survey", "nope"])
    assert result.exit_code == 1
    assert "no published survey called 'nope'" in result.output


def test_link_opens_the_survey_and_the_response_records_context(app, client, every_type):
    invitation, token = invite(
        app, every_type, context={"meeting_kind": "lac_review"}, respondent_role="child"
    )
    page = get(client, f"/r/{token}")
    assert page.h1() == "Every kind of question"
    page = page.form().submit(client)
    page = answer(client, page, feeling="good")
    db.session.refresh(invitation)
    assert invitation.opened_at and invitation.started_at
    check = get(client, f"/s/{every_type}/check")
    check.form().submit(client)
    response = db.session.scalars(select(Response)).one()
    assert response.invitation_id == invitation.id
    assert response.channel == "invitation"
    assert response.context == {"meeting_kind": "lac_review", "respondent_role": "child"}
    db.session.refresh(invitation)
    assert invitation.completed_at is not None


def test_used_link_cannot_be_answered_twice(app, client, every_type):
    _invitation, token = invite(app, every_type)
    get(client, f"/r/{token}").form().submit(client)
    get(client, f"/s/{every_type}/check").form().submit(client)
    page = get(client, f"/r/{token}", status=410)
    assert page.h1() == "You have already sent your answers"
    other = app.test_client()
    assert get(other, f"/r/{token}", status=410).h1() == "You have already sent your answers"


def test_expired_link_is_a_kind_410(app, client, every_type, monkeypatch):
    _, token = invite(app, every_type)
    later = clock.utcnow() + timedelta(days=29)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    page = get(client, f"/r/{token}", status=410)
    assert page.h1() == "This link has ended"
    assert "ask them for a new link" in page.text()


def test_revoked_link_is_a_kind_410(app, client, every_type):
    invitation, token = invite(app, every_type)
    revoke_invitation(invitation)
    db.session.commit()
    page = get(client, f"/r/{token}", status=410)
    assert "stopped it working" in page.text()


@pytest.mark.parametrize("garbled", ["nope", "A" * 22, "x" * 200])
def test_garbled_link_is_a_kind_404(client, every_type, garbled):
    page = get(client, f"/r/{garbled}", status=404)
    assert page.h1() == "This link does not work"


def test_only_a_hash_of_the_token_is_stored(app, every_type):
    _, token = invite(app, every_type, email="someone@example.org")
    rows = db.session.execute(text("SELECT * FROM invitation")).all()
    assert token not in repr(rows)


def test_link_opens_in_the_invitations_language(app, client, every_type):
    _, token = invite(app, every_type, language="cy")
    client.get(f"/r/{token}")
    with client.session_transaction() as session:
        assert session["lang"] == "cy"


def test_completed_invitation_forgets_the_email_address(app, client, every_type):
    invitation, token = invite(app, every_type, email="parent@example.org")
    get(client, f"/r/{token}").form().submit(client)
    get(client, f"/s/{every_type}/check").form().submit(client)
    db.session.refresh(invitation)
    assert invitation.email is None


def test_an_ended_link_speaks_to_the_person_it_was_made_for(app, client):
    """A care leaver's ended link points to adult help, not Childline (under-19s); a
    parent's to the NSPCC; and in Welsh a young person is spoken to as "ti", a parent as
    "chi"."""
    from tests.conftest import SURVEYS, publish

    for survey_id in (
        "care-leaver-accommodation",
        "lac-review-young-person",
        "lac-review-parent-carer",
    ):
        publish(SURVEYS / f"{survey_id}.yaml")
    pages = {}
    for survey_id in (
        "care-leaver-accommodation",
        "lac-review-young-person",
        "lac-review-parent-carer",
    ):
        invitation, token = invite(app, survey_id)
        revoke_invitation(invitation)
        db.session.commit()
        pages[survey_id] = get(app.test_client(), f"/r/{token}", status=410).text()
        pages[survey_id, "cy"] = get(app.test_client(), f"/r/{token}?lang=cy", status=410).text()
    care_leaver = pages["care-leaver-accommodation"]
    assert "116 123" in care_leaver and "0800 1111" not in care_leaver
    assert "0800 1111" in pages["lac-review-young-person"]
    assert "0808 800 5000" in pages["lac-review-parent-carer"]
    assert "Os wyt ti'n dal eisiau" in pages["lac-review-young-person", "cy"]
    assert "Os ydych chi'n dal eisiau" in pages["lac-review-parent-carer", "cy"]


def test_a_used_link_thanks_a_young_person_informally(app, client):
    from tests.conftest import SURVEYS, publish

    publish(SURVEYS / "lac-review-young-person.yaml")
    invitation, token = invite(app, "lac-review-young-person")
    invitation.completed_at = clock.utcnow()
    db.session.commit()
    page = get(client, f"/r/{token}?lang=cy", status=410)
    assert page.h1() == "Rwyt ti eisoes wedi anfon dy atebion"
    assert "dy atebion nawr" in page.text()
