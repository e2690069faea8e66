"""A campaign: a CSV of people to ask, validated whole before anything is sent."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.invite.invitations import NewInvitation, create_invitation

EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")
MAX_ROWS = 5000
COLUMNS = ("email", "language")


@dataclass(frozen=True)
class RowProblem:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass(frozen=True)
class CampaignRow:
    email: str
    language: str


def read_campaign(data: bytes, languages: set[str]) -> tuple[list[CampaignRow], list[RowProblem]]:
    """Parse and check every row; returns the rows only if there are no problems."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowProblem(1, "", "The file must be a CSV saved as UTF-8.")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "email" not in header:
        return [], [
            RowProblem(
                1,
                "email",
                "The first row must name the columns, including "
                "'email' (and optionally 'language').",
            )
        ]
    reader.fieldnames = header
    rows: list[CampaignRow] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            problems.append(RowProblem(number, "", f"Send at most {MAX_ROWS} people at a time."))
            break
        email = (record.get("email") or "").strip()
        language = (record.get("language") or "en").strip().lower() or "en"
        if not email:
            problems.append(RowProblem(number, "email", "Enter an email address."))
        elif not EMAIL.match(email) or len(email) > 254:
            problems.append(
                RowProblem(
                    number,
                    "email",
                    "Enter an email address in the correct format, like name@example.com",
                )
            )
        elif email.lower() in seen:
            problems.append(
                RowProblem(number, "email", f"This address is also on row {seen[email.lower()]}.")
            )
        else:
            seen[email.lower()] = number
        if language not in languages:
            problems.append(
                RowProblem(
                    number,
                    "language",
                    f"'{language}' is not a language "
                    f"Sayso offers ({', '.join(sorted(languages))}).",
                )
            )
        rows.append(CampaignRow(email, language))
    if not rows and not problems:
        problems.append(RowProblem(2, "", "The file has no people in it."))
    return ([] if problems else rows), problems


def create_campaign_invitations(
    session: Session,
    survey_id: str,
    rows: list[CampaignRow],
    *,
    key: str,
    days: int,
    created_by_id: int | None,
    team_id: int | None,
) -> list[NewInvitation]:
    """One invitation per row; the caller commits, then queues the emails."""
    return [
        create_invitation(
            session,
            survey_id=survey_id,
            key=key,
            days=days,
            language=row.language,
            email=row.email,
            created_by_id=created_by_id,
            team_id=team_id,
            context={"campaign": True},
        )
        for row in rows
    ]
