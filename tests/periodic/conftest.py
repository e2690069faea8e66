"""Fixtures for the periodic work tests."""

from tests.safeguard.conftest import safety

__all__ = ["safety"]
