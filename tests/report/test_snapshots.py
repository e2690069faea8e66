"""Stored reports: reused while nothing has changed, rebuilt when responses arrive."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.clock import utcnow
from app.extensions import db
from app.report.build import cached_report, rebuild_stale_snapshots
from app.report.models import ReportSnapshot
from app.report.tasks import BEAT, rebuild_report_snapshots_task
from app.responses.filters import Filters
from app.responses.periods import parse_period
from app.tasks import enqueue
from tests.report.factories import make_invitation, publish_shipped, respond, respond_many

YOUNG = "lac-review-young-person"
JULY = datetime(2026, 7, 6, 10)
Q3 = parse_period("2026-Q3")


@pytest.fixture
def survey(app):
    publish_shipped(YOUNG)
    respond_many(YOUNG, {"felt_listened_to": "agree"}, 12, JULY)
    db.session.commit()


def cached(filters: Filters = Filters(), threshold: int = 10):  # noqa: B008
    report = cached_report(db.session, YOUNG, Q3, filters, threshold)
    db.session.commit()
    return report


def snapshot() -> ReportSnapshot:
    found = db.session.scalar(select(ReportSnapshot))
    assert found is not None
    return found


def mark_stored(found: ReportSnapshot) -> None:
    """Change the stored copy, so a test can tell it apart from a fresh build."""
    found.data = found.data | {"title": "from the snapshot"}
    db.session.commit()


def test_a_report_is_stored_and_reused_while_nothing_new_arrives(survey):
    first = cached()
    assert first.responses == 12
    stored = snapshot()
    assert (stored.survey_key, stored.period, stored.threshold) == (YOUNG, "2026-Q3", 10)
    mark_stored(stored)

    assert cached().title == "from the snapshot"
    assert db.session.scalar(select(func.count()).select_from(ReportSnapshot)) == 1


def test_a_new_response_in_the_period_makes_the_report_rebuild(survey):
    cached()
    mark_stored(snapshot())
    respond(YOUNG, {"felt_listened_to": "agree"}, JULY + timedelta(days=1))
    db.session.commit()

    again = cached()
    assert again.responses == 13
    assert again.title == "Your review meeting"
    assert db.session.scalar(select(func.count()).select_from(ReportSnapshot)) == 1


def test_a_response_after_the_period_leaves_the_report_alone(survey):
    cached()
    mark_stored(snapshot())
    respond(YOUNG, {"felt_listened_to": "agree"}, datetime(2026, 10, 2))
    db.session.commit()
    assert cached().title == "from the snapshot"


def test_a_withdrawn_invitation_changes_the_response_rate_so_the_report_rebuilds(survey):
    invitations = [make_invitation(YOUNG, created_at=JULY) for _ in range(12)]
    db.session.commit()
    cached()
    mark_stored(snapshot())
    invitations[0].revoked_at = utcnow()
    db.session.commit()
    assert cached().title == "Your review meeting"


def test_each_set_of_filters_and_threshold_has_its_own_snapshot(survey):
    cached()
    cached(Filters(language="cy"))
    cached(threshold=12)
    keys = db.session.execute(
        select(ReportSnapshot.filters_key, ReportSnapshot.threshold).order_by(ReportSnapshot.id)
    ).all()
    assert keys == [("", 10), ("language=cy", 10), ("", 12)]
    assert cached(Filters(language="cy")).responses is None


def test_stale_snapshots_are_rebuilt_once_and_fresh_ones_left_alone(survey):
    cached()
    respond(YOUNG, {"felt_listened_to": "agree"}, JULY)
    db.session.commit()

    assert rebuild_stale_snapshots(db.session) == 1
    db.session.commit()
    assert snapshot().data["responses"] == 13
    assert rebuild_stale_snapshots(db.session) == 0


def test_snapshots_nobody_opens_are_forgotten(survey):
    cached()
    snapshot().used_at = utcnow() - timedelta(days=120)
    db.session.commit()
    assert rebuild_stale_snapshots(db.session) == 0
    db.session.commit()
    assert db.session.scalar(select(ReportSnapshot)) is None


def test_the_rebuild_task_runs_from_the_beat_and_refreshes_stale_reports(survey):
    assert BEAT["rebuild-report-snapshots"]["task"] == "rebuild-report-snapshots"
    cached()
    respond(YOUNG, {"felt_listened_to": "agree"}, JULY)
    db.session.commit()

    assert enqueue(rebuild_report_snapshots_task)

    db.session.expire_all()
    assert snapshot().data["responses"] == 13
