"""Reading the audit trail: filtered, newest first, a page at a time, and as CSV.

Pages are fetched by keyset (the ``at`` and ``id`` of the last row shown), never by
offset, so the thousandth page of a million events costs what the first does: the
database walks the ``at`` index from the cursor and stops after one page.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import parse_pattern
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, select, tuple_
from sqlalchemy.orm import Session

from app.admin.audit_labels import SIGN_IN_ACTIONS, action_label, object_label
from app.auth.models import AuditEvent, StaffUser
from app.numbers import parse_number
from app.responses.export import escape_cell

LONDON = ZoneInfo("Europe/London")
PAGE_SIZE = 50
NO_ACTOR = "none"  # the actor filter's value for events with no person behind them
CURSOR = re.compile(r"^([0-9]{8}T[0-9]{12})-([0-9]+)$")
# Parsed once: formatting a parsed pattern is several times faster, which a CSV of a
# million rows notices.
UK_TIME = parse_pattern("d MMM y, HH:mm")
CSV_COLUMNS = ("when_utc", "when_uk", "who", "action", "action_code", "object", "details")


@dataclass(frozen=True)
class AuditFilters:
    """What the administrator asked for; ``None`` means "any"."""

    action: str | None = None
    actor: int | str | None = None  # a staff id, or NO_ACTOR
    date_from: date | None = None
    date_to: date | None = None
    object_type: str | None = None
    object_id: str | None = None


@dataclass(frozen=True)
class AuditRow:
    """One event as the page and the CSV show it: words, never what anyone typed."""

    id: int
    at: datetime
    when: str
    who: str
    what: str
    action: str
    object: str
    details: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    newer: str | None  # cursor for the page before (newer events), if there is one
    older: str | None  # cursor for the page after (older events), if there is one


def london_time(at: datetime) -> str:
    """A stored (naive UTC) time as UK local time, in the page's language."""
    local = at.replace(tzinfo=UTC).astimezone(LONDON)
    return UK_TIME.apply(local, get_locale() or Locale("en"))


def start_of_london_day(day: date) -> datetime:
    """Midnight in London on ``day``, as naive UTC like the stored times."""
    local = datetime.combine(day, time(), tzinfo=LONDON)
    return local.astimezone(UTC).replace(tzinfo=None)


def encode_cursor(event: AuditEvent | AuditRow) -> str:
    return f"{event.at:%Y%m%dT%H%M%S%f}-{event.id}"


def decode_cursor(text: str | None) -> tuple[datetime, int] | None:
    """The (at, id) a page link carries; ``None`` for anything malformed."""
    match = CURSOR.match(text or "")
    if not match:
        return None
    event_id = parse_number(match.group(2))
    if event_id is None:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%dT%H%M%S%f"), event_id
    except ValueError:
        return None


def filtered_events(filters: AuditFilters) -> Select[tuple[AuditEvent]]:
    """The events matching ``filters``, unordered."""
    query = select(AuditEvent)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.actor == NO_ACTOR:
        query = query.where(AuditEvent.actor_id.is_(None))
    elif filters.actor is not None:
        query = query.where(AuditEvent.actor_id == filters.actor)
    if filters.date_from:
        query = query.where(AuditEvent.at >= start_of_london_day(filters.date_from))
    if filters.date_to:
        next_day = filters.date_to + timedelta(days=1)
        query = query.where(AuditEvent.at < start_of_london_day(next_day))
    if filters.object_type:
        query = query.where(AuditEvent.object_type == filters.object_type)
    if filters.object_id:
        query = query.where(AuditEvent.object_id == filters.object_id)
    return query


def fetch_page(
    session: Session,
    filters: AuditFilters,
    older_than: str | None = None,
    newer_than: str | None = None,
    size: int = PAGE_SIZE,
) -> AuditPage:
    """One page of matching events, newest first, after or before a cursor."""
    query = filtered_events(filters)
    key = tuple_(AuditEvent.at, AuditEvent.id)
    newer_cursor = decode_cursor(newer_than)
    older_cursor = None if newer_cursor else decode_cursor(older_than)
    if newer_cursor:
        query = query.where(key > tuple_(*newer_cursor))
        query = query.order_by(AuditEvent.at, AuditEvent.id)
    else:
        if older_cursor:
            query = query.where(key < tuple_(*older_cursor))
        query = query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    events = list(session.scalars(query.limit(size + 1)))
    more = len(events) > size
    events = events[:size]
    if newer_cursor:
        events.reverse()
    rows = describe_events(session, events)
    if not rows:
        return AuditPage(rows, None, None)
    has_newer = more if newer_cursor else older_cursor is not None
    has_older = True if newer_cursor else more
    return AuditPage(
        rows,
        encode_cursor(rows[0]) if has_newer else None,
        encode_cursor(rows[-1]) if has_older else None,
    )


def describe_events(session: Session, events: list[AuditEvent]) -> list[AuditRow]:
    """Turn events into rows of words, looking up each actor and each label once."""
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    words = _Words(staff_emails(session, actor_ids))
    return [words.row(event) for event in events]


def staff_emails(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    found = session.execute(select(StaffUser.id, StaffUser.email).where(StaffUser.id.in_(ids)))
    return {row.id: row.email for row in found}


class _Words:
    """The words for a batch of events. Each translation is looked up once per batch:
    a lookup per cell made a million-row CSV several times slower."""

    def __init__(self, emails: dict[int, str]) -> None:
        self.emails = emails
        self.locale = get_locale() or Locale("en")
        self.known: dict[tuple[str, object], str] = {}

    def once(self, key: tuple[str, object], make: Callable[[], str]) -> str:
        if key not in self.known:
            self.known[key] = make()
        return self.known[key]

    def row(self, event: AuditEvent) -> AuditRow:
        kind = self.once(("kind", event.object_type), lambda: object_label(event.object_type, None))
        return AuditRow(
            id=event.id,
            at=event.at,
            when=UK_TIME.apply(event.at.replace(tzinfo=UTC).astimezone(LONDON), self.locale),
            who=self.once(
                ("who", (event.actor_id, event.action in SIGN_IN_ACTIONS)),
                lambda: actor_name(event.actor_id, event.action, self.emails),
            ),
            what=self.once(("what", event.action), lambda: action_label(event.action)),
            action=event.action,
            object=f"{kind} {event.object_id or ''}".strip() if event.object_type else "",
            details=details_text(event.details),
        )


def actor_name(actor_id: int | None, action: str, emails: dict[int, str]) -> str:
    """Staff are shown by email, as the accounts page shows them."""
    if actor_id is None:
        if action in SIGN_IN_ACTIONS:
            return _("Not signed in")
        return _("Command line or scheduled task")
    return emails.get(actor_id, _("Staff account %(id)s", id=actor_id))


# Kept for the sign-in delays (a keyed hash of email and address), meaningless to a reader.
UNSHOWN_DETAILS = frozenset({"source"})


def details_text(details: dict[str, Any] | None) -> str:
    """Details as ``code=value`` pairs (they hold codes and numbers only)."""
    shown = sorted((k, v) for k, v in (details or {}).items() if k not in UNSHOWN_DETAILS)
    return ", ".join(f"{key}={_value(value)}" for key, value in shown)


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def iter_csv(session: Session, filters: AuditFilters, batch: int = 1000) -> Iterator[str]:
    """Every matching event as CSV text, a batch of rows at a time, newest first.

    Cells are escaped against spreadsheet formulas with the same function the response
    export uses.
    """
    yield _csv_line(CSV_COLUMNS)
    cursor: str | None = None
    while True:
        page = fetch_page(session, filters, older_than=cursor, size=batch)
        for row in page.rows:
            yield _csv_line(
                (
                    f"{row.at:%Y-%m-%dT%H:%M:%S}Z",
                    row.when,
                    row.who,
                    row.what,
                    row.action,
                    row.object,
                    row.details,
                )
            )
        if page.older is None:
            return
        cursor = page.older


def _csv_line(cells: tuple[Any, ...]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([escape_cell(c) for c in cells])
    return out.getvalue()


def actor_choices(session: Session) -> list[tuple[int, str]]:
    """Every staff account by email, for the "who" filter."""
    found = session.execute(select(StaffUser.id, StaffUser.email).order_by(StaffUser.email))
    return [(row.id, row.email) for row in found]
