"""Which learned model codes comments: a participation lead's choice, kept with the model.

Training a model changes nothing by itself. A lead reads its cross-validated quality and
then chooses to code with it; from then on it codes new comments and every comment
nobody has reviewed. The choice is stored in the model's ``metrics`` as ``used_at`` (when
it was chosen) and ``used_by`` (who chose it), so one query tells every worker what to
use. Choosing a model clears the choice on every other; stopping clears them all.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from app import clock
from app.coding.models import ThemeModel

KEEP_MODELS = 5


def recent_models(session: Session, limit: int | None = KEEP_MODELS) -> list[ThemeModel]:
    """The newest models first (their weights are read only when needed); ``None``: all.

    There are never many: :func:`forget_old_models` runs after every training.
    """
    query = (
        select(ThemeModel)
        .options(defer(ThemeModel.blob))
        .order_by(ThemeModel.trained_at.desc(), ThemeModel.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def latest_model(session: Session) -> ThemeModel | None:
    models = recent_models(session, 1)
    return models[0] if models else None


def used_since(model: ThemeModel) -> datetime | None:
    """When a lead chose to code with ``model``; None if it is not in use."""
    value = (model.metrics or {}).get("used_at")
    return datetime.fromisoformat(value) if value else None


def model_in_use(session: Session) -> ThemeModel | None:
    """The model people chose to code with, or None for the codebook alone."""
    chosen = [m for m in recent_models(session, None) if used_since(m) is not None]
    return max(chosen, key=lambda m: used_since(m) or datetime.min, default=None)


def use_model(session: Session, model: ThemeModel, staff_id: int | None) -> None:
    """Code with ``model`` from now on (and recode what nobody has reviewed)."""
    stop_using_models(session)
    model.metrics = dict(model.metrics or {}) | {
        "used_at": clock.utcnow().isoformat(timespec="microseconds"),
        "used_by": staff_id,
    }


def stop_using_models(session: Session) -> None:
    """Go back to coding with the codebook alone."""
    for model in recent_models(session, None):
        if used_since(model) is not None:
            model.metrics = {
                k: v for k, v in (model.metrics or {}).items() if k not in ("used_at", "used_by")
            }


def forget_old_models(session: Session, keep: int = KEEP_MODELS) -> int:
    """Delete all but the newest ``keep`` models, never the one in use; returns how many."""
    in_use = model_in_use(session)
    kept = {m.id for m in recent_models(session, keep)} | ({in_use.id} if in_use else set())
    old = session.scalars(select(ThemeModel).where(ThemeModel.id.not_in(kept))).all()
    for model in old:
        session.delete(model)
    return len(old)
