"""Quotes curated by a person: reports quote a comment only after a participation lead in
its scope approved it (as approved, with more words taken out if they chose), never one
rejected or flagged; approval, redaction and rejection are audited without the words."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.auth.models import AuditEvent
from app.coding.models import QuoteDecision
from app.coding.quotes import REMOVED, remove_words, text_segments, word_count
from app.extensions import db
from app.report.build import build_report, cached_report
from app.report.exports import report_sheets
from app.responses.filters import Filters
from app.responses.periods import parse_period
from app.text.redaction import redact
from tests.auth.conftest import make_staff, sign_in
from tests.coding.factories import coded, comment
from tests.pages import Page, get

Q3 = parse_period("2026-Q3")
REPORT = "/reports/every-type/2026-Q3"
QUOTES = f"{REPORT}/themes/safety/quotes"


@pytest.fixture
def people(app):  # type: ignore[no-untyped-def]
    """A lead in team North, one in South, a lead for every team and an administrator."""
    north = make_staff("north@example.org", "participation_lead", team="North")
    south = make_staff("south@example.org", "participation_lead", team="South")
    make_staff("lead@example.org", "participation_lead", team=None)
    make_staff("admin@example.org", "admin", team=None)
    return {"north": north.team_id, "south": south.team_id}


def safety_comments(survey_id: str, team_id: int | None, count: int = 12) -> list[int]:
    """``count`` comments about feeling safe (one names a carer), newest last."""
    ids = []
    for index in range(count):
        text = f"I feel safe with Sarah at my placement now {index}"
        answer = comment(survey_id, text, at=datetime(2026, 8, 1, 9, index), team_id=team_id)
        coded(answer, {"safety": 0.6}, sentiment=0.6).redacted = redact(text)
        ids.append(answer.id)
    db.session.commit()
    return ids


def signed_in(app, email: str):  # type: ignore[no-untyped-def]
    client = app.test_client()
    sign_in(client, email)
    return client


def quote_form(page: Page, answer_id: int):  # type: ignore[no-untyped-def]
    for index, node in enumerate(page.select("form")):
        if any(i.get("name") == "answer" and i.get("value") == str(answer_id) for i in node.iter()):
            return page.form(index)
    raise AssertionError(f"no form for comment {answer_id}")


def listed(page: Page) -> list[int]:
    """The comments the quotes page offers, by id."""
    return [
        int(node.get("value"))
        for node in page.tree.iter()
        if node.get("name") == "answer" and node.get("value")
    ]


def report_quotes(survey_id: str, threshold: int = 10) -> tuple[list[str], int]:
    report = build_report(db.session, survey_id, Q3, Filters(), threshold)
    (theme,) = report.themes
    return [q.text for q in theme.quotes], theme.quotes_awaiting


def test_segments_mark_placeholders_and_number_words():
    segments = text_segments("I met [name] at [school], ok?")
    assert [s.kind for s in segments if s.kind] == ["name", "school"]
    assert [s.text for s in segments if s.word is not None] == ["I", "met", "at", "ok"]
    assert "".join(s.text for s in segments) == "I met [name] at [school], ok?"
    assert word_count("I met [name] at [school], ok?") == 4


def test_removing_words_joins_neighbours_into_one_gap():
    text = "my nan lives by the big red church"
    assert remove_words(text, {5, 6, 7}) == f"my nan lives by the {REMOVED}"
    assert remove_words(text, {1}) == f"my {REMOVED} lives by the big red church"
    assert remove_words(text, set()) == text


def test_a_report_quotes_nothing_until_a_lead_approves(app, every_type, people):
    safety_comments(every_type, people["north"])
    quotes, awaiting = report_quotes(every_type)
    assert quotes == [] and awaiting == 3

    page = get(signed_in(app, "lead@example.org"), REPORT)
    assert "Quotes for this theme await approval by a participation lead." in page.text()
    assert page.link("Choose quotes for “Feeling safe”").startswith(QUOTES)
    assert "I feel safe with" not in " ".join(
        "".join(q.itertext()) for q in page.select("blockquote")
    )
    # An administrator reads the report but does not approve quotes, so gets no link.
    admin = get(signed_in(app, "admin@example.org"), REPORT)
    assert "await approval" in admin.text() and "Choose quotes" not in admin.text()
    get(signed_in(app, "admin@example.org"), QUOTES, status=403)


def test_a_lead_approves_with_more_taken_out_and_the_report_quotes_that(app, every_type, people):
    safety_comments(every_type, people["north"])
    client = signed_in(app, "lead@example.org")
    page = get(client, QUOTES)
    assert page.h1() == "Quotes: Feeling safe"
    text = page.text()
    # What redaction took out is marked with its kind, in words.
    assert "taken out: name" in text and "Taken out: name (1)" in text
    first = listed(page)[0]
    form = quote_form(page, first)
    labels = {
        " ".join("".join(label.itertext()).split()): label.get("for")
        for label in page.select("label")
        if (label.get("for") or "").startswith(f"q{first}-remove")
    }
    boxes = {
        node.get("id"): node.get("value")
        for node in page.select("input", type="checkbox")
        if node.get("name") == f"q{first}-remove"
    }
    placement = boxes[labels["placement"]]
    done = form.submit(client, {f"q{first}-remove": [placement], "decision": "approve"})
    assert "Approved. Reports now quote this comment as shown below." in done.text()

    decision = db.session.get(QuoteDecision, first)
    assert decision.state == "approved"
    assert "placement" not in decision.text and "[removed]" in decision.text
    assert "[name]" in decision.text and "Sarah" not in decision.text
    quotes, awaiting = report_quotes(every_type)
    assert quotes == [decision.text] and awaiting == 2
    # The downloads carry the approved wording, and only it.
    report = build_report(db.session, every_type, Q3, Filters(), 10)
    themes_sheet = {title: rows for title, _h, rows in report_sheets(report)}["Themes"]
    (row,) = themes_sheet
    assert f"{decision.text} (Young people)" in row[-1] and "placement" not in row[-1]
    assert "More quotes await approval by a participation lead." in row[-1]

    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.in_(["quote_redacted", "quote_approved"]))
    ).all()
    assert sorted(e.action for e in events) == ["quote_approved", "quote_redacted"]
    for event in events:
        assert event.object_type == "answer" and event.object_id == str(first)
        assert event.actor_id is not None and event.at is not None
        # Codes and numbers only: never the comment's words, before or after.
        assert "Sarah" not in str(event.details) and "placement" not in str(event.details)
        assert "removed" not in str(event.details.values())
    assert {e.details.get("words_removed") for e in events} == {1, None}


def test_a_rejected_comment_is_never_quoted_and_another_takes_its_place(app, every_type, people):
    safety_comments(every_type, people["north"])
    client = signed_in(app, "lead@example.org")
    page = get(client, QUOTES)
    first, second = listed(page)[:2]
    rejected = quote_form(page, first).submit(client, {"decision": "reject"})
    assert "Rejected. Reports will not quote this comment." in rejected.text()
    page = get(client, QUOTES)
    assert db.session.get(QuoteDecision, first).state == "rejected"
    assert db.session.get(QuoteDecision, first).text is None
    quote_form(page, second).submit(client, {"decision": "approve"})
    quotes, awaiting = report_quotes(every_type)
    assert len(quotes) == 1 and awaiting == 2
    assert db.session.get(QuoteDecision, second).text in quotes
    action = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == str(first))
    ).all()
    assert action == ["quote_rejected"]


def test_taking_out_every_word_is_refused_and_nothing_is_stored(app, every_type, people):
    safety_comments(every_type, people["north"])
    client = signed_in(app, "lead@example.org")
    page = get(client, QUOTES)
    first = listed(page)[0]
    every = [
        node.get("value")
        for node in page.select("input", type="checkbox")
        if node.get("name") == f"q{first}-remove"
    ]
    refused = quote_form(page, first).submit(
        client, {f"q{first}-remove": every, "decision": "approve"}
    )
    assert refused.response.status_code == 200
    assert "Leave some words in the quote, or reject it" in refused.text()
    assert refused.select("div", class_="govuk-error-summary")
    assert db.session.get(QuoteDecision, first) is None


def test_a_team_s_lead_sees_and_decides_only_their_team_s_comments(app, every_type, people):
    north = safety_comments(every_type, people["north"])
    south = get(signed_in(app, "south@example.org"), QUOTES)
    assert listed(south) == []
    # Posting a North comment from the South lead's page is refused, and nothing stored.
    client = signed_in(app, "south@example.org")
    response = client.post(
        QUOTES, data={"answer": north[0], "decision": "approve", "csrf_token": "x"}
    )
    assert response.status_code in (400, 404)
    assert db.session.get(QuoteDecision, north[0]) is None
    north_page = get(signed_in(app, "north@example.org"), QUOTES)
    assert set(listed(north_page)) <= set(north) and listed(north_page)


def test_flagged_comments_never_become_quotes(app, every_type, people):
    ids = safety_comments(every_type, people["north"], count=14)
    flagged = ids[-1]  # the newest: first in the pool
    from app.responses.models import Answer

    db.session.get(Answer, flagged).flagged = True
    db.session.commit()
    page = get(signed_in(app, "lead@example.org"), QUOTES)
    assert flagged not in listed(page)
    # Even approved before it was flagged, it is not quoted.
    db.session.add(
        QuoteDecision(answer_id=flagged, state="approved", text="safe", decided_by_id=None)
    )
    db.session.commit()
    quotes, _awaiting = report_quotes(every_type)
    assert "safe" not in quotes


def test_quotes_carry_their_audience_and_an_age_band_only_when_the_band_is_shown(
    app, every_type, people
):
    from app.responses.models import Answer

    ids = safety_comments(every_type, None, count=16)
    for answer_id in ids[:-1]:
        db.session.get(Answer, answer_id).response.age_band = "12-15"
    db.session.get(Answer, ids[-1]).response.age_band = "8-11"  # one child: never shown
    for answer_id in (ids[0], ids[1], ids[-1]):
        db.session.add(QuoteDecision(answer_id=answer_id, state="approved", text=f"ok {answer_id}"))
    db.session.commit()
    report = cached_report(db.session, every_type, Q3, Filters(), 10)
    (theme,) = report.themes
    labels = {int(q.text.split()[1]): (q.audience, q.age_band) for q in theme.quotes}
    assert labels == {
        ids[0]: ("young_person", "12-15"),
        ids[1]: ("young_person", "12-15"),
        ids[-1]: ("young_person", None),
    }
    page = get(signed_in(app, "lead@example.org"), REPORT)
    captions = [
        " ".join("".join(c.itertext()).split())
        for c in page.select("figcaption", class_="sayso-quote-by")
    ]
    assert sorted(captions) == [
        "Young people",
        "Young people, aged 12 to 15",
        "Young people, aged 12 to 15",
    ]
