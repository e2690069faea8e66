from app.coding.coding import set_human_codes
from app.extensions import db
from app.report.build import build_report, cached_report
from app.responses.filters import Filters
from app.responses.periods import parse_period
from tests.coding.factories import approve_every_quote, coded, comment

Q3 = parse_period("2026-Q3")


def test_report_lists_themes_with_counts_labels_and_quotes(app, every_type):
    for index in range(12):
        coded(comment(every_type, f"I feel safe in my flat now {index}"), {"safety": 0.6})
    db.session.commit()
    report = build_report(db.session, every_type, Q3, Filters(), 10)
    (theme,) = report.themes
    assert (theme.id, theme.label, theme.count) == ("safety", "Feeling safe", 12)
    assert theme.quotes == [] and theme.quotes_awaiting == 3  # until a lead approves
    approve_every_quote()
    (theme,) = build_report(db.session, every_type, Q3, Filters(), 10).themes
    assert len(theme.quotes) == 3 and all("safe" in q.text for q in theme.quotes)
    assert {q.audience for q in theme.quotes} == {"young_person"}
    assert report.to_json()["themes"][0]["count"] == 12


def test_a_stored_report_shows_people_s_corrections_at_once(app, every_type):
    answers = [comment(every_type, f"my social worker changed again {n}") for n in range(10)]
    for answer in answers:
        coded(answer, {"social_worker_change": -0.5})
    db.session.commit()
    first = cached_report(db.session, every_type, Q3, Filters(), 10)
    db.session.commit()
    assert [t.count for t in first.themes] == [10]

    set_human_codes(db.session, answers[0].id, ["relationship_with_worker"], staff_id=None)
    db.session.commit()
    again = cached_report(db.session, every_type, Q3, Filters(), 10)
    # Both now fall below the threshold, so neither is listed (not even as "fewer than").
    assert {t.id: t.count for t in again.themes} == {}


def test_a_theme_people_added_is_reported_by_its_name(app, every_type):
    from app.coding.models import LocalTheme

    db.session.add(LocalTheme(id="internet_at_home", label="Internet at home", terms=["wifi"]))
    for index in range(10):
        coded(comment(every_type, f"no wifi in my flat {index}"), {"internet_at_home": -0.4})
    db.session.commit()
    report = build_report(db.session, every_type, Q3, Filters(), 10)
    assert [(t.id, t.label) for t in report.themes] == [("internet_at_home", "Internet at home")]
