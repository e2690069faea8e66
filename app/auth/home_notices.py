"""Warnings a feature puts on the staff home page.

The home page belongs to ``auth``, which sits below every feature and so cannot ask them
itself: a feature's warning is added where the app is put together (``app/__init__.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from flask import Flask, current_app
from sqlalchemy.orm import Session

EXTENSION = "sayso_home_notices"


class NoticeItem(Protocol):
    """One line of a notice: a message to translate and its values."""

    template: str
    values: Mapping[str, Any]


@dataclass(frozen=True)
class HomeNotice:
    anchor: str  # the warning's id on the page
    heading: Any  # a lazily translated string
    roles: tuple[str, ...]  # who is shown it
    gather: Callable[[Session, Mapping[str, Any]], Sequence[NoticeItem]]


def add_home_notice(app: Flask, notice: HomeNotice) -> None:
    app.extensions.setdefault(EXTENSION, []).append(notice)


def notices_for(role: str, session: Session) -> list[tuple[HomeNotice, Sequence[NoticeItem]]]:
    """The notices with something to say to someone in ``role``, each with its lines."""
    shown = []
    for notice in current_app.extensions.get(EXTENSION, []):
        if role in notice.roles:
            items = notice.gather(session, current_app.config)
            if items:
                shown.append((notice, items))
    return shown
