"""Fixtures for the safeguarding tests."""

from __future__ import annotations

import pytest

from tests.conftest import DATA, publish


@pytest.fixture
def safety(app) -> str:
    """The test survey with a risk-signal question and free text, published."""
    return publish(DATA / "surveys" / "safety-check.yaml")
