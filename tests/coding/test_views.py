"""The theme page: a lead reads a theme's comments (redacted, newest first, audited) and
corrects their themes; only leads and administrators, and a team's lead sees the team."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.auth.models import AuditEvent
from app.coding.models import CommentCoding, CommentTheme
from app.extensions import db
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import coded, comment
from tests.pages import Page, get

THEMES = "/reports/every-type/2026-Q3/themes"


@pytest.fixture
def people(app):  # type: ignore[no-untyped-def]
    """A lead in team North, one in South, an administrator and a chair; returns team ids."""
    north = make_staff("north@example.org", "participation_lead", team="North")
    south = make_staff("south@example.org", "participation_lead", team="South")
    make_staff("admin@example.org", "admin", team=None)
    make_staff("chair@example.org", "iro", team="North")
    make_staff("dsl@example.org", "safeguarding_lead", team="North")
    return {"north": north.team_id, "south": south.team_id}


@pytest.fixture(autouse=True)
def threshold_of_one(app):  # type: ignore[no-untyped-def]
    """These tests are about reading and correcting comments, not about the threshold
    (tests/coding/test_theme_page_threshold.py is): any theme with a comment is shown."""
    app.config["SAYSO_SUPPRESSION_THRESHOLD"] = 1


def padded(survey_id: str, theme: str, team_id: int | None = None) -> None:
    """Two comments older than any a test lists: a theme page never lists its oldest
    (perturbation bound) comments, so that its listing cannot be counted exactly."""
    for index in range(2):
        at = datetime(2026, 7, 1, 9, index)
        coded(comment(survey_id, f"older {theme} {index}", at=at, team_id=team_id), {theme: 0.0})


def signed_in(app, email: str):  # type: ignore[no-untyped-def]
    client = app.test_client()
    sign_in(client, email)
    return client


def form_for(page: Page, answer_id: int):  # type: ignore[no-untyped-def]
    """The correction form of one comment on the page."""
    for index, node in enumerate(page.select("form")):
        if any(i.get("name") == "answer" and i.get("value") == str(answer_id) for i in node.iter()):
            return page.form(index)
    raise AssertionError(f"no form for comment {answer_id}")


def themes_of(answer_id: int) -> dict[str, str]:
    """Each theme of a comment with its source; a theme a person confirmed beside an
    automatic row of the same theme reads as theirs, whatever order the rows come in."""
    rows = db.session.execute(
        select(CommentTheme.theme_id, CommentTheme.source).where(
            CommentTheme.answer_id == answer_id
        )
    )
    found: dict[str, str] = {}
    for theme, source in rows.all():
        if found.get(theme) != "human":
            found[theme] = source
    return found


def test_a_lead_reads_a_theme_s_comments_redacted_newest_first(app, every_type, people):
    older = comment(every_type, "I feel safe with my carer", at=datetime(2026, 7, 2))
    newer = comment(every_type, "I do not feel safe at school", at=datetime(2026, 9, 2))
    coded(older, {"safety": 0.5})
    coded(older, {"placement_carers": 0.5})
    coded(newer, {"safety": -0.5, "school_education": -0.5}, source="model")
    coded(comment(every_type, "money is tight"), {"money": 0.0})
    coded(comment(every_type, "safe in July last year", at=datetime(2025, 7, 1)), {"safety": 0.0})
    padded(every_type, "safety")
    db.session.commit()

    page = get(signed_in(app, "admin@example.org"), f"{THEMES}/safety")
    assert page.h1() == "Feeling safe"
    quotes = [" ".join("".join(q.itertext()).split()) for q in page.select("blockquote")]
    assert quotes == ["I do not feel safe at school", "I feel safe with my carer"]
    text = page.text()
    assert "money is tight" not in text and "July last year" not in text
    assert "Comments 1 to 2, newest first. The report counts about 4 comments" in text
    assert "older safety" not in text
    assert "Automatic (learned from people’s reviews)" in text and "Automatic (codebook)" in text
    assert "Its other themes: School and education" in text
    assert "Its other themes: Placement and carers" in text
    boxes = form_for(page, older.id).values(f"a{older.id}-themes")
    assert sorted(boxes) == ["placement_carers", "safety"]


def test_comments_that_arrived_are_coded_and_redacted_before_they_are_listed(
    app, every_type, people
):
    waiting = comment(every_type, "I feel safe in my flat now, Sarah helped")
    padded(every_type, "safety")
    db.session.commit()
    page = get(signed_in(app, "admin@example.org"), f"{THEMES}/safety")
    assert "I feel safe in my flat now, [name] helped" in page.text()
    assert "Sarah" not in page.text()
    assert db.session.get(CommentCoding, waiting.id) is not None


def test_correcting_a_comment_moves_it_and_the_person_s_codes_win(app, every_type, people):
    answer = comment(every_type, "my social worker changed again")
    coded(answer, {"safety": -0.5, "money": 0.0})
    padded(every_type, "safety")
    padded(every_type, "social_worker_change")
    db.session.commit()
    client = signed_in(app, "admin@example.org")
    page = get(client, f"{THEMES}/safety")

    after = form_for(page, answer.id).submit(
        client, {f"a{answer.id}-themes": ["social_worker_change", "money"]}
    )
    assert after.status == 200
    assert "no longer under “Feeling safe”" in after.text()
    assert "my social worker changed again" not in " ".join(
        "".join(q.itertext()) for q in after.select("blockquote")
    )
    db.session.expire_all()
    human = {t for t, source in themes_of(answer.id).items() if source == "human"}
    assert human == {"social_worker_change", "money"}
    assert db.session.get(CommentCoding, answer.id).reviewed_at is not None
    moved = get(client, f"{THEMES}/social_worker_change")
    assert "Reviewed by a person" in moved.text()
    assert "Its other themes: Money" in moved.text()


def test_choosing_no_theme_gives_a_clear_error_and_changes_nothing(app, every_type, people):
    answer = comment(every_type, "I feel safe")
    coded(answer, {"safety": 0.5})
    padded(every_type, "safety")
    db.session.commit()
    client = signed_in(app, "admin@example.org")
    page = get(client, f"{THEMES}/safety")

    after = form_for(page, answer.id).submit(client, {f"a{answer.id}-themes": []})
    assert after.status == 200
    assert after.title.startswith("Error:")
    assert after.error_summary() == [
        "Choose at least one theme. If none fits, choose “Something else”."
    ]
    assert after.select("a", href=f"#a{answer.id}-themes")
    assert themes_of(answer.id) == {"safety": "codebook"}

    tampered = form_for(page, answer.id).submit(client, {f"a{answer.id}-themes": ["made_up"]})
    assert tampered.error_summary() == ["Choose themes from the list"]


def test_a_correction_without_its_security_token_is_refused(app, every_type, people):
    answer = comment(every_type, "I feel safe")
    coded(answer, {"safety": 0.5})
    db.session.commit()
    client = signed_in(app, "admin@example.org")
    response = client.post(
        f"{THEMES}/safety", data={"answer": answer.id, f"a{answer.id}-themes": "money"}
    )
    assert response.status_code == 400
    assert themes_of(answer.id) == {"safety": "codebook"}


def test_a_team_s_lead_sees_and_corrects_only_the_team_s_comments(app, every_type, people):
    ours = comment(every_type, "north feels safe", team_id=people["north"])
    theirs = comment(every_type, "south feels safe", team_id=people["south"])
    coded(ours, {"safety": 0.5})
    coded(theirs, {"safety": 0.5})
    padded(every_type, "safety", team_id=people["north"])
    db.session.commit()
    client = signed_in(app, "north@example.org")

    page = get(client, f"{THEMES}/safety?team={people['south']}")
    assert "north feels safe" in page.text() and "south feels safe" not in page.text()
    assert "your own team, North, only" in page.text()

    form = form_for(page, ours.id)
    form.fields = [(n, v) for n, v in form.fields if n != "answer"] + [("answer", str(theirs.id))]
    refused = form.submit(client, {f"a{theirs.id}-themes": ["money"]}, follow=False)
    assert refused.status == 404
    assert themes_of(theirs.id) == {"safety": "codebook"}


@pytest.mark.parametrize("email", ["chair@example.org", "dsl@example.org"])
def test_other_roles_cannot_open_coding_pages(app, every_type, people, email):
    client = signed_in(app, email)
    for path in (f"{THEMES}/safety", f"{THEMES}/emerging", "/reports/every-type/themes/model"):
        assert client.get(path).status_code == 403, path


def test_reading_and_correcting_are_audited_in_codes_without_any_text(app, every_type, people):
    answer = comment(every_type, "I feel safe with Sarah", team_id=people["north"])
    coded(answer, {"safety": 0.5})
    padded(every_type, "safety", team_id=people["north"])
    db.session.commit()
    client = signed_in(app, "north@example.org")
    page = get(client, f"{THEMES}/safety")
    form_for(page, answer.id).submit(client, {f"a{answer.id}-themes": ["safety", "money"]})

    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(["theme_comments_viewed", "comment_codes_set"]))
        .order_by(AuditEvent.id)
    ).all()
    assert [e.action for e in events] == [
        "theme_comments_viewed",
        "comment_codes_set",
        "theme_comments_viewed",
    ]
    viewed, saved = events[0], events[1]
    assert (viewed.object_id, viewed.details["shown"]) == ("safety", 1)
    assert viewed.details["team_id"] == people["north"]
    assert saved.object_id == str(answer.id)
    assert saved.details == {"survey": "every-type", "theme": "safety", "added_1": "money"}
    assert not any("feel" in str(e.details) or "Sarah" in str(e.details) for e in events)


def test_long_themes_are_read_ten_comments_a_page(app, every_type, people):
    for day in range(1, 24):
        coded(comment(every_type, f"safe on day {day}", at=datetime(2026, 8, day)), {"safety": 0})
    padded(every_type, "safety")
    db.session.commit()
    client = signed_in(app, "admin@example.org")
    first = get(client, f"{THEMES}/safety")
    assert "Comments 1 to 10, newest first" in first.text() and "safe on day 23" in first.text()
    assert "counts about 25 comments" in first.text()
    third = get(client, first.link("Next page").replace("page=2", "page=3"))
    assert "Comments 21 to 23, newest first" in third.text() and "safe on day 1" in third.text()
    assert third.link("Previous page").endswith("page=2")
    assert "no comments on this page" in get(client, f"{THEMES}/safety?page=9").text()


def test_an_address_that_leads_nowhere_says_so(app, every_type, people):
    client = signed_in(app, "admin@example.org")
    wrong_period = get(client, "/reports/every-type/2026-Q5/themes/safety", status=404)
    assert "There is no quarter 5" in wrong_period.text()
    unknown = get(client, "/reports/nope/2026-Q3/themes/safety", status=404)
    assert "There is no published survey or family of surveys called “nope”" in unknown.text()
    get(client, f"{THEMES}/not_a_theme", status=404)
    assert client.post(f"{THEMES}/safety", data={}).status_code == 400


def test_the_report_links_each_theme_to_its_comments(app, every_type, people):
    for index in range(11):
        answer = comment(every_type, f"I feel safe {index}", team_id=people["north"])
        coded(answer, {"safety": 0.5})
    db.session.commit()
    client = signed_in(app, "north@example.org")
    report = get(client, "/reports/every-type/2026-Q3")
    link = report.link("Feeling safe")
    assert link.startswith(f"{THEMES}/safety") and f"team={people['north']}" in link
    assert report.link("Comments no theme fits").startswith(f"{THEMES}/emerging")
    assert report.link("How far to trust automatic coding") == (
        "/reports/every-type/themes/model?period=2026-Q3"
    )
