"""Sayso: survey and feedback for children's social care.

The package itself imports nothing heavy, so that ``sayso --help`` and a command's
``--help`` start quickly: the web app is built by :func:`app.factory.create_app`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(*args: Any, **kwargs: Any) -> Flask:
    """Create the Sayso web app: see :func:`app.factory.create_app`."""
    from app.factory import create_app as build

    return build(*args, **kwargs)
