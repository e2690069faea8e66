"""Fixtures for the theming tests: the library needs no database, so neither do they."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskCliRunner

from app.themes.pipeline import ThemePipeline
from tests.conftest import make_app

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="session")
def pipeline() -> ThemePipeline:
    """The default codebook, compiled once for the whole run."""
    return ThemePipeline()


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[FlaskCliRunner]:
    """A CLI runner; the themes commands never touch the database."""
    app = make_app(f"sqlite:///{tmp_path / 'unused.db'}", str(tmp_path / "instance"))
    with app.app_context():
        yield app.test_cli_runner()
