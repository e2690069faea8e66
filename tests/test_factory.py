"""The app factory and the settings it reads."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import ConfigurationError, load_settings


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(ConfigurationError):
        load_settings({"SAYSO_ENV": "production"}, instance_path=str(tmp_path))


def test_settings_have_documented_defaults(tmp_path):
    settings = load_settings({}, instance_path=str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'sayso.db'}"
    assert settings["SAYSO_REDIS_URL"] is None
    assert settings["SAYSO_SUPPRESSION_THRESHOLD"] == 10
    assert settings["SAYSO_DRAFT_DAYS"] == 14


def test_bad_number_setting_is_explained(tmp_path):
    with pytest.raises(ConfigurationError, match="SAYSO_DRAFT_DAYS"):
        load_settings({"SAYSO_DRAFT_DAYS": "two weeks"}, instance_path=str(tmp_path))


def test_overrides_win(tmp_path):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
            "SAYSO_COUNCIL_NAME": "Northshire Council",
        }
    )
    assert app.jinja_env.globals["council_name"] == "Northshire Council"
