"""The same draft sent by two requests at the same moment becomes one response."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.extensions import db
from app.respond.drafts import create_draft, find_draft_by_token, save_answers
from app.responses.models import Response
from app.responses.storing import submit_draft
from app.survey.publishing import current_version


def test_concurrent_sends_create_one_response(app, every_type):
    version = current_version(db.session, every_type)
    draft, token = create_draft(db.session, version.id, "key", 14)
    save_answers(draft, {"feeling": "good", "better": "more snacks"}, "name", 14)
    db.session.commit()

    barrier = threading.Barrier(2)
    results: list[tuple[int, bool]] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            with app.app_context():
                mine = find_draft_by_token(db.session, token, "key")
                barrier.wait(timeout=5)
                response, created = submit_draft(db.session, mine)
                db.session.commit()
                results.append((response.id, created))
                db.session.remove()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(results) == 2
    assert len({response_id for response_id, _ in results}) == 1
    assert sorted(created for _, created in results) == [False, True]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Response)) == 1
