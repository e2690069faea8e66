"""Settings, read once from the environment (a ``.env`` file may set them)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.database_waits import DatabaseBounds, postgres_connect_args

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """The app was started with settings it cannot run safely with."""


def _int(env: dict[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from exc


def _seconds(env: dict[str, str], name: str, default: float) -> float:
    value = env.get(name)
    if value is None or value == "":
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 24 * 60 * 60:
        raise ConfigurationError(f"{name} must be a number of seconds, not {value!r}")
    return seconds


def _trusted_proxies(env: dict[str, str]) -> int:
    proxies = _int(env, "SAYSO_TRUSTED_PROXIES", 0)
    if not 0 <= proxies <= 5:
        raise ConfigurationError(
            f"SAYSO_TRUSTED_PROXIES must be how many proxies stand in front of Sayso (0 to 5), "
            f"not {proxies}"
        )
    return proxies


def database_bounds(env: dict[str, str], background: bool = False) -> DatabaseBounds:
    """How long to wait for the database: briefly in a web request, longer in the
    background (workers, the command line), where reports and migrations run."""
    statement = (
        _seconds(env, "SAYSO_BACKGROUND_STATEMENT_TIMEOUT", 240.0)
        if background
        else _seconds(env, "SAYSO_DATABASE_STATEMENT_TIMEOUT", 3.0)
    )
    return DatabaseBounds(
        connect=max(2, round(_seconds(env, "SAYSO_DATABASE_CONNECT_TIMEOUT", 2))),
        statement=statement,
        lock=min(statement, _seconds(env, "SAYSO_DATABASE_LOCK_TIMEOUT", 2.0)),
    )


def load_settings(
    env: dict[str, str] | None = None,
    instance_path: str | None = None,
    secret_given: bool = False,
    background: bool = False,
) -> dict[str, Any]:
    """Build the Flask config from ``SAYSO_*`` environment variables.

    ``secret_given`` means the caller supplies ``SECRET_KEY`` itself (the tests do), so no
    development key file is made. ``background`` is for workers and the command line.
    """
    env = dict(os.environ if env is None else env)
    environment = env.get("SAYSO_ENV", "development")
    instance = Path(instance_path or PROJECT_ROOT / "instance")
    secret = env.get("SAYSO_SECRET_KEY", "")
    if not secret and not secret_given:
        if environment == "production":
            raise ConfigurationError("SAYSO_SECRET_KEY must be set when SAYSO_ENV=production")
        secret = _development_secret(instance)
    database_url = env.get("SAYSO_DATABASE_URL") or f"sqlite:///{instance / 'sayso.db'}"
    bounds = database_bounds(env, background)
    return {
        "SAYSO_ENV": environment,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SAYSO_DATABASE_BOUNDS": bounds,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url, bounds),
        "SAYSO_REDIS_URL": env.get("SAYSO_REDIS_URL") or None,
        # Without Redis, each web process runs beat's schedule itself ("off" stops it).
        "SAYSO_EMBEDDED_BEAT": env.get("SAYSO_EMBEDDED_BEAT", "on") != "off",
        "SAYSO_EMBEDDED_BEAT_SECONDS": _int(env, "SAYSO_EMBEDDED_BEAT_SECONDS", 30),
        "SAYSO_QUEUE_PREFIX": env.get("SAYSO_QUEUE_PREFIX", "sayso"),
        # A task whose worker died without acknowledging it is delivered again after this.
        "SAYSO_BROKER_VISIBILITY_TIMEOUT": _int(env, "SAYSO_BROKER_VISIBILITY_TIMEOUT", 3600),
        "SAYSO_BASE_URL": env.get("SAYSO_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "SAYSO_SMTP_URL": env.get("SAYSO_SMTP_URL") or None,
        # Each step of talking to the mail server (connect, each reply) waits at most this.
        "SAYSO_SMTP_TIMEOUT": _seconds(env, "SAYSO_SMTP_TIMEOUT", 10.0),
        # GOV.UK Notify: with a key, email goes through Notify instead of SMTP, and personal
        # links can be sent by text message (see app/messaging/notify.py).
        "SAYSO_NOTIFY_API_KEY": env.get("SAYSO_NOTIFY_API_KEY") or None,
        "SAYSO_NOTIFY_EMAIL_TEMPLATE": env.get("SAYSO_NOTIFY_EMAIL_TEMPLATE") or None,
        "SAYSO_NOTIFY_SMS_TEMPLATE": env.get("SAYSO_NOTIFY_SMS_TEMPLATE") or None,
        "SAYSO_NOTIFY_BASE_URL": env.get("SAYSO_NOTIFY_BASE_URL") or None,
        # The bearer token Notify sends with delivery receipts (set the same in Notify).
        "SAYSO_NOTIFY_CALLBACK_TOKEN": env.get("SAYSO_NOTIFY_CALLBACK_TOKEN") or None,
        "SAYSO_NOTIFY_TIMEOUT": _seconds(env, "SAYSO_NOTIFY_TIMEOUT", 10.0),
        "SAYSO_MAIL_FROM": env.get("SAYSO_MAIL_FROM", "sayso@localhost"),
        "SAYSO_INVITATION_DAYS": _int(env, "SAYSO_INVITATION_DAYS", 28),
        "SAYSO_REMINDER_DAYS": _int(env, "SAYSO_REMINDER_DAYS", 7),
        "SAYSO_SUPPRESSION_THRESHOLD": _int(env, "SAYSO_SUPPRESSION_THRESHOLD", 10),
        "SAYSO_DRAFT_DAYS": _int(env, "SAYSO_DRAFT_DAYS", 14),
        "SAYSO_COUNCIL_NAME": env.get("SAYSO_COUNCIL_NAME", "Your council"),
        "SAYSO_COUNCIL_LOGO": env.get("SAYSO_COUNCIL_LOGO") or None,
        "SAYSO_SERVICE_NAME": env.get("SAYSO_SERVICE_NAME", "Have your say"),
        # The names in other languages: SAYSO_SERVICE_NAME_CY, SAYSO_COUNCIL_NAME_UK, ...
        "SAYSO_SERVICE_NAMES": _names_by_language(env, "SAYSO_SERVICE_NAME"),
        "SAYSO_COUNCIL_NAMES": _names_by_language(env, "SAYSO_COUNCIL_NAME"),
        "SAYSO_ALERT_ACK_MINUTES": _int(env, "SAYSO_ALERT_ACK_MINUTES", 60),
        "SAYSO_ESCALATION_CHAIN": [
            a.strip() for a in env.get("SAYSO_ESCALATION_CHAIN", "").split(",") if a.strip()
        ],
        "SAYSO_DUTY_EMAIL": env.get("SAYSO_DUTY_EMAIL") or None,
        "SAYSO_OFFICE_HOURS_START": _int(env, "SAYSO_OFFICE_HOURS_START", 9),
        "SAYSO_OFFICE_HOURS_END": _int(env, "SAYSO_OFFICE_HOURS_END", 17),
        "SAYSO_OUT_OF_HOURS_PHONE": env.get("SAYSO_OUT_OF_HOURS_PHONE", ""),
        "SAYSO_LEAVING_CARE_CONTACT": env.get("SAYSO_LEAVING_CARE_CONTACT", ""),
        "SAYSO_EXIT_URL": env.get("SAYSO_EXIT_URL", "https://www.bbc.co.uk/weather"),
        "SAYSO_SURVEYS_DIR": env.get("SAYSO_SURVEYS_DIR", str(PROJECT_ROOT / "surveys")),
        "SAYSO_STAFF_IDLE_MINUTES": _int(env, "SAYSO_STAFF_IDLE_MINUTES", 30),
        "SAYSO_STAFF_MAX_HOURS": _int(env, "SAYSO_STAFF_MAX_HOURS", 12),
        # Rate limits (Flask-Limiter syntax; in Redis when SAYSO_REDIS_URL is set, else in
        # memory). "off" turns them all off, for a load test behind a trusted proxy only.
        "SAYSO_RATE_LIMITS": env.get("SAYSO_RATE_LIMITS", "on") != "off",
        "SAYSO_RATE_LIMIT_SIGN_IN": env.get(
            "SAYSO_RATE_LIMIT_SIGN_IN", "10 per minute;60 per hour"
        ),
        "SAYSO_RATE_LIMIT_LINKS": env.get("SAYSO_RATE_LIMIT_LINKS", "300 per minute"),
        "SAYSO_RATE_LIMIT_SUBMIT": env.get("SAYSO_RATE_LIMIT_SUBMIT", "120 per minute"),
        # Wrong resume codes per address: a code is the key to someone's answers.
        "SAYSO_RATE_LIMIT_RESUME": env.get("SAYSO_RATE_LIMIT_RESUME", "10 per minute;50 per hour"),
        # Free text is encrypted at rest when this is set (see app/crypto/__init__.py).
        "SAYSO_ENCRYPTION_KEY": env.get("SAYSO_ENCRYPTION_KEY") or None,
        # How long things are kept, in days; the nightly purge removes what is older.
        "SAYSO_RESPONSE_RETENTION_DAYS": _int(env, "SAYSO_RESPONSE_RETENTION_DAYS", 3 * 365 + 1),
        "SAYSO_ALERT_RETENTION_DAYS": _int(env, "SAYSO_ALERT_RETENTION_DAYS", 6 * 365 + 2),
        # How many reverse proxies (TLS terminators, load balancers) stand in front of the
        # app and may be believed about the visitor's address and scheme (X-Forwarded-*).
        "SAYSO_TRUSTED_PROXIES": _trusted_proxies(env),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": environment == "production",
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "BABEL_TRANSLATION_DIRECTORIES": "../translations",
    }


def _names_by_language(env: Mapping[str, str], setting: str) -> dict[str, str]:
    """``{"cy": ...}`` from settings named ``<setting>_CY`` and so on."""
    prefix = setting + "_"
    return {
        key[len(prefix) :].lower(): value.strip()
        for key, value in env.items()
        if key.startswith(prefix) and len(key) - len(prefix) == 2 and value.strip()
    }


def engine_options(url: str, bounds: DatabaseBounds | None = None) -> dict[str, Any]:
    # A database error's message would otherwise quote the statement's values (answers,
    # comments), and a worker's log prints the messages of the errors its tasks raise.
    private = {"hide_parameters": True}
    if url.startswith("sqlite"):
        # Several threads (the dev server, the browser tests) share one file database.
        return private | {"connect_args": {"check_same_thread": False, "timeout": 15}}
    options: dict[str, Any] = private | {"pool_pre_ping": True}
    if url.startswith(("postgresql", "postgres")):
        options["connect_args"] = postgres_connect_args(bounds or DatabaseBounds())
    return options


def _development_secret(instance: Path) -> str:
    """A per-checkout random key, so development sessions survive restarts."""
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()
