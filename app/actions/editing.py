"""Recording, translating and publishing actions. Callers commit; nothing here does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from app import clock
from app.actions.models import ACTION_STATUSES, Action, ActionText
from app.languages import DEFAULT, KNOWN
from app.responses.periods import Period
from app.themes.codebook import THEME_ID

TEXT_LIMIT = 2000  # characters for each of "what we heard" and "what we did"


@dataclass(frozen=True)
class ActionDetails:
    """What a participation lead fills in for an action, with its English text."""

    survey_key: str
    theme: str
    period: Period
    status: str
    happens_on: date | None
    heard: str
    did: str

    def __post_init__(self) -> None:
        # Forms check all of this with messages; this guards every other caller.
        if not THEME_ID.match(self.theme):
            raise ValueError(f"{self.theme!r} is not a theme id")
        if self.status not in ACTION_STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if not self.heard.strip() or not self.did.strip():
            raise ValueError("an action needs English text for what we heard and what we did")


def create_action(session: Session, details: ActionDetails, created_by_id: int | None) -> Action:
    """A new, unpublished action with its English text."""
    action = Action(created_by_id=created_by_id, texts=[])
    _apply(action, details)
    session.add(action)
    session.flush()
    return action


def update_action(action: Action, details: ActionDetails) -> list[str]:
    """Change an action; returns the names of the fields that changed (for the audit trail)."""
    before = _snapshot(action)
    _apply(action, details)
    changed = [name for name, value in _snapshot(action).items() if before[name] != value]
    if changed:
        action.updated_at = clock.utcnow()
    return changed


def set_translation(action: Action, language: str, heard: str, did: str) -> bool:
    """Add or replace the text in another language; True when it is new."""
    if language == DEFAULT or language not in KNOWN:
        raise ValueError(f"{language!r} is not a language an action can be translated into")
    existing = action.text_in(language)
    now = clock.utcnow()
    if existing is None:
        action.texts.append(
            ActionText(language=language, heard=heard.strip(), did=did.strip(), updated_at=now)
        )
    else:
        existing.heard, existing.did, existing.updated_at = heard.strip(), did.strip(), now
    action.updated_at = now
    return existing is None


def remove_translation(action: Action, language: str) -> bool:
    """Drop the text in a language other than English; True if there was one."""
    existing = action.text_in(language)
    if existing is None or language == DEFAULT:
        return False
    action.texts.remove(existing)
    action.updated_at = clock.utcnow()
    return True


def publish_action(action: Action) -> bool:
    """Show the action on the public page; False if it already was."""
    if action.published_at is not None:
        return False
    action.published_at = clock.utcnow()
    return True


def unpublish_action(action: Action) -> bool:
    """Take the action off the public page; False if it was not there."""
    if action.published_at is None:
        return False
    action.published_at = None
    return True


def find_actions(
    session: Session,
    survey_key: str | None = None,
    period: Period | None = None,
    status: str | None = None,
    limit: int = 500,
) -> list[Action]:
    """Actions for the staff list, most recently changed first."""
    query = _with_texts(select(Action))
    if survey_key:
        query = query.where(Action.survey_key == survey_key)
    if period is not None:
        query = query.where(overlaps(period))
    if status:
        query = query.where(Action.status == status)
    return list(
        session.scalars(query.order_by(Action.updated_at.desc(), Action.id.desc()).limit(limit))
    )


def published_actions(session: Session, limit: int = 500) -> list[Action]:
    """Published actions, newest first, for the public page."""
    query = _with_texts(select(Action)).where(Action.published_at.is_not(None))
    return list(
        session.scalars(query.order_by(Action.published_at.desc(), Action.id.desc()).limit(limit))
    )


def overlaps(period: Period):  # type: ignore[no-untyped-def]
    """SQL condition: the action's period and ``period`` share at least one day."""
    return (Action.period_start < period.end) & (Action.period_end > period.start)


def _with_texts(query: Select[tuple[Action]]) -> Select[tuple[Action]]:
    return query.options(selectinload(Action.texts))  # one query for all texts, not one each


def _apply(action: Action, details: ActionDetails) -> None:
    action.survey_key = details.survey_key
    action.theme = details.theme
    action.period_label = details.period.label
    action.period_start = details.period.start
    action.period_end = details.period.end
    action.status = details.status
    action.happens_on = details.happens_on
    english = action.text_in(DEFAULT)
    if english is None:
        action.texts.append(
            ActionText(language=DEFAULT, heard=details.heard.strip(), did=details.did.strip())
        )
    elif (english.heard, english.did) != (details.heard.strip(), details.did.strip()):
        english.heard, english.did = details.heard.strip(), details.did.strip()
        english.updated_at = clock.utcnow()


def _snapshot(action: Action) -> dict[str, object]:
    english = action.text_in(DEFAULT)
    return {
        "survey_key": action.survey_key,
        "theme": action.theme,
        "period": action.period_label,
        "status": action.status,
        "happens_on": action.happens_on,
        "english_text": (english.heard, english.did) if english else None,
    }
