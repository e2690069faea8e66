"""Make realistic synthetic responses: several questionnaires, languages, teams, two years.

Answers are drawn so that indicators drift towards their targets over time, and free text
comes from a shipped list of invented comments. Rows go straight into the tables (no
drafts, no emails, no safeguarding alerts), and the comments are then themed, so the
report pages have something to show at once.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import Team
from app.invite.models import Invitation
from app.responses.age_bands import age_band
from app.responses.models import Answer, Response
from app.survey.models import Survey as SurveyRow
from app.survey.models import SurveyVersion
from app.survey.publishing import survey_for_version
from app.survey.questions import question_type
from app.survey.schema import Question, Survey

TEAMS = (("North", "north"), ("South", "south"), ("East", "east"))
LANGUAGES = (("en", 0.8), ("cy", 0.06), ("ar", 0.05), ("pl", 0.05), ("fa", 0.02), ("uk", 0.02))
AGES = {"child": (8, 11), "young_person": (12, 18), "care_leaver": (18, 24)}
TEXT_CHANCE = 0.45
ANSWER_RATE = 0.6  # invitations answered


@dataclass
class Published:
    row: SurveyRow
    version: SurveyVersion
    survey: Survey


def demo_comments() -> dict[str, dict[str, list[str]]]:
    """The shipped invented comments, by language and tone."""
    text = resources.files("app.demo").joinpath("comments.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def ensure_teams(session: Session) -> list[Team]:
    """The demo teams, made if missing."""
    teams = []
    for name, slug in TEAMS:
        team = session.scalars(select(Team).where(Team.slug == slug)).first()
        if team is None:
            team = Team(name=name, slug=slug)
            session.add(team)
        teams.append(team)
    session.flush()
    return teams


def published_surveys(session: Session) -> list[Published]:
    rows = session.execute(
        select(SurveyRow, SurveyVersion).join(
            SurveyVersion, SurveyRow.current_version_id == SurveyVersion.id
        )
    ).all()
    return [Published(row, version, survey_for_version(version)) for row, version in rows]


def generate_demo(session: Session, responses: int, today: date, seed: int = 7) -> int:
    """Add about ``responses`` responses over the two years before ``today``; returns how many."""
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not secrets
    surveys = published_surveys(session)
    if not surveys:
        raise LookupError("No surveys are published: run `sayso surveys publish` first.")
    teams = ensure_teams(session)
    comments = demo_comments()
    made = 0
    for index in range(responses):
        chosen = surveys[index % len(surveys)]
        when = _moment(rng, today)
        progress = 1 - (today - when.date()).days / 730  # 0 two years ago, 1 today
        team = rng.choice(teams)
        language = _weighted(rng, LANGUAGES)
        response = _response(rng, chosen, when, team, language)
        for question in _questions(chosen.survey):
            response.answers.extend(_answers(rng, question, progress, language, comments))
        session.add(response)
        session.add_all(_invitations(rng, chosen, when, team, response))
        made += 1
        if made % 500 == 0:
            session.flush()
    session.flush()
    return made


def _moment(rng: random.Random, today: date) -> datetime:
    day = today - timedelta(days=rng.randrange(1, 730))
    return datetime(day.year, day.month, day.day, rng.randrange(8, 21), rng.randrange(60))


def _weighted(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _response(
    rng: random.Random, chosen: Published, when: datetime, team: Team, language: str
) -> Response:
    low, high = AGES.get(chosen.row.audience, (0, 0))
    band = age_band(rng.randint(low, high)) if high else None
    return Response(
        survey_id=chosen.row.id,
        survey_version_id=chosen.version.id,
        submission_key=secrets.token_urlsafe(32),
        language=language,
        channel="link",
        submitted_at=when,
        audience=chosen.row.audience,
        team_id=team.id,
        age_band=band,
        context={"team_id": team.id, "demo": True, **({"age_band": band} if band else {})},
    )


def _invitations(
    rng: random.Random, chosen: Published, when: datetime, team: Team, response: Response
) -> list[Invitation]:
    """The answered invitation, and now and then one nobody answered (for response rates)."""
    sent = when - timedelta(days=rng.randrange(0, 10))
    made = [_invitation(chosen, sent, team, completed=when)]
    if rng.random() > ANSWER_RATE:
        made.append(_invitation(chosen, sent, team, completed=None))
    return made


def _invitation(
    chosen: Published, sent: datetime, team: Team, completed: datetime | None
) -> Invitation:
    return Invitation(
        token_salt=secrets.token_hex(16),
        token_hash=secrets.token_hex(32),  # not a usable link: nobody holds its token
        survey_id=chosen.row.id,
        team_id=team.id,
        respondent_role=chosen.row.audience,
        context={"demo": True},
        created_at=sent,
        sent_at=sent,
        expires_at=sent + timedelta(days=28),
        completed_at=completed,
    )


def _questions(survey: Survey) -> list[Question]:
    return [q for page in survey.pages for q in page.questions if q.id != "contact_how"]


def _answers(
    rng: random.Random,
    question: Question,
    progress: float,
    language: str,
    comments: dict[str, dict[str, list[str]]],
) -> list[Answer]:
    if rng.random() < 0.08:
        return []  # skipped
    kind = question_type(question.type)
    value = kind.demo_answer(
        question,
        rng,
        lambda options: _leaning(rng, options, progress),
        lambda: _comment(rng, progress, language, comments),
    )
    if value is None:
        return []
    return [
        Answer(question_id=question.id, **asdict(stored))
        for stored in kind.stored_values(question, value)
    ]


def _leaning(rng: random.Random, options: list[str], progress: float) -> str:
    """Earlier options are the better ones in Sayso's scales; later answers lean that way."""
    base = 1.6 + 3.0 * progress
    weights = [base ** (len(options) - i) for i in range(len(options))]
    return rng.choices(options, weights)[0]


def _comment(
    rng: random.Random,
    progress: float,
    language: str,
    comments: dict[str, dict[str, list[str]]],
) -> str | None:
    """An invented comment in the response's language, for some respondents only."""
    if rng.random() > TEXT_CHANCE:
        return None
    pool: dict[str, Any] = comments.get(language) or {}
    tone = rng.choices(["positive", "negative", "neutral"], [0.3 + progress * 0.3, 0.5, 0.2])[0]
    texts = pool.get(tone)
    if not texts:
        # No demo comment of this kind in the response's language: an English one would
        # be recorded as written in that language, so this respondent leaves it blank.
        return None
    return str(rng.choice(texts))
