"""Rate limits on the doors that can be knocked on over and over: staff sign-in,
set-password links, personal links, resume codes, and starting, saving and sending answers.

Each app has its own Flask-Limiter (``app.extensions["sayso_rate_limiter"]``). It counts in
Redis when ``SAYSO_REDIS_URL`` is set, so every web process shares one count, and in this
process's memory otherwise (the embedded default). The limits are attached here, by
endpoint name, so the views stay free of them.

Many people can share one address: a class of 30 in a school, a care home, a council
office behind one gateway. So each limit counts only what an attacker has to repeat:

- sign-in: failed attempts only, per address, so colleagues signing in from one office
  never use up each other's allowance; only wrong passwords do. Never per account: that
  would let anyone lock anyone out. Per account *and* address, repeated failures meet
  growing delays instead (app/auth/signin.py);
- set-password links: refused links only (unknown or ended), per address: guessing tokens;
- personal links ``/r/<token>``: every opening, per address, generously (a class opening
  its links at once is 30 openings);
- resume codes: wrong codes only, per address, strictly: a code opens someone's answers;
- starting and sending a questionnaire: per address (a class starting together is 30);
- saving a page of answers (or asking for a resume code): per draft, the browser's own
  questionnaire, so 30 children on one address each have the whole allowance.

The client address is ``request.remote_addr``; behind a reverse proxy the operator must
apply ``ProxyFix`` so that it is the visitor's and not the proxy's (see README).

If Redis stops answering, limits fall back to this process's memory and Redis is tried
again now and then: a respondent is never refused or kept waiting because of it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, g, jsonify, make_response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_limiter import Limiter, RequestLimit
from limits import parse_many
from redis.backoff import NoBackoff
from redis.retry import Retry
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from app.draft_cookies import draft_token
from app.errors import is_api_request
from app.form_base import posted_fields

log = logging.getLogger(__name__)

EXTENSION = "sayso_rate_limiter"
# Redis answers in well under a millisecond on a healthy network; waiting longer than this
# would only delay a respondent whose request does not need Redis at all.
REDIS_TIMEOUT_SECONDS = 0.25
# Posts whose fields the 429 page carries back, so pressing "Try again" loses nothing.
KEEPS_ANSWERS = ("respond.begin", "respond.page", "respond.save", "respond.send")


def client_address() -> str:
    """The address the request came from, as the app sees it (see ProxyFix in README)."""
    return request.remote_addr or "unknown"


def draft_key() -> str:
    """The respondent's draft (from its cookie), falling back to the address without one."""
    token = draft_token((request.view_args or {}).get("survey_id", ""))
    return "draft:" + _keyed_hash("draft", token) if token else client_address()


def _keyed_hash(purpose: str, value: str) -> str:
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def not_a_redirect(response: Response) -> bool:
    """A failed sign-in or resume code shows the form again; a success redirects."""
    return not 300 <= response.status_code < 400


def not_counted() -> None:
    """Said by a view whose request succeeded without redirecting (a right resume code
    opens the answers on a page of its own): this request does not count against the
    limit of a rule that counts failures only."""
    g.rate_limit_not_counted = True


def unless_not_counted(counts: Callable[[Response], bool]) -> Callable[[Response], bool]:
    """``counts``, except for a request whose view said :func:`not_counted`."""

    def deduct(response: Response) -> bool:
        return not g.get("rate_limit_not_counted", False) and counts(response)

    return deduct


def refused(response: Response) -> bool:
    """A set-password link that is unknown or has ended."""
    return response.status_code >= 400


@dataclass(frozen=True)
class Rule:
    """One limit: the endpoint, the setting that holds its limits, what is counted."""

    endpoint: str
    setting: str
    key: Callable[[], str]
    methods: tuple[str, ...] | None = None
    counts: Callable[[Response], bool] | None = None  # None: every request counts


RULES = (
    Rule("auth.sign_in", "SAYSO_RATE_LIMIT_SIGN_IN", client_address, ("POST",), not_a_redirect),
    Rule("auth.set_password", "SAYSO_RATE_LIMIT_SIGN_IN", client_address, None, refused),
    Rule("links.open_link", "SAYSO_RATE_LIMIT_LINKS", client_address),
    Rule("respond.resume", "SAYSO_RATE_LIMIT_RESUME", client_address, ("POST",), not_a_redirect),
    Rule("respond.begin", "SAYSO_RATE_LIMIT_SUBMIT", client_address),
    Rule("respond.send", "SAYSO_RATE_LIMIT_SUBMIT", client_address),
    Rule("respond.page", "SAYSO_RATE_LIMIT_SUBMIT", draft_key, ("POST",)),
    Rule("respond.save", "SAYSO_RATE_LIMIT_SUBMIT", draft_key, ("POST",)),
)

# The settings that hold limits, all in Flask-Limiter's syntax ("10 per minute;60 per hour").
SETTINGS = tuple(dict.fromkeys(rule.setting for rule in RULES))


def init_rate_limits(app: Flask) -> None:
    """Give ``app`` its own limiter and limits (unless ``SAYSO_RATE_LIMITS`` is off) and
    the friendly 429 page. Call after every blueprint is registered."""
    app.register_error_handler(429, too_many_requests)
    _hide_limit_keys_from_logs()
    if not app.config["SAYSO_RATE_LIMITS"]:
        return
    limiter = Limiter(
        key_func=client_address,
        storage_uri=app.config["SAYSO_REDIS_URL"] or "memory://",
        storage_options=_storage_options(app),
        # Counts the last minute (or hour) exactly: no double burst across a window edge.
        strategy="moving-window",
        in_memory_fallback_enabled=True,
        swallow_errors=True,
        headers_enabled=False,
        on_breach=_log_breach,
    )
    limiter.init_app(app)
    # Sayso has no app-wide limits, only the endpoints' below, which their wrapped views
    # check; Flask-Limiter's own check before every request would find nothing to count.
    app.before_request_funcs[None].remove(limiter._check_request_limit)
    app.extensions[EXTENSION] = limiter
    for rule in RULES:
        limits = app.config[rule.setting]
        parse_many(limits)  # a mistyped setting stops the app here, not at the first request
        limit = limiter.limit(
            limits,
            key_func=rule.key,
            methods=list(rule.methods) if rule.methods else None,
            deduct_when=unless_not_counted(rule.counts) if rule.counts else None,
        )
        app.view_functions[rule.endpoint] = limit(app.view_functions[rule.endpoint])


def _storage_options(app: Flask) -> dict[str, Any]:
    if not app.config["SAYSO_REDIS_URL"]:
        return {}
    return {
        # One deployment's counts, apart from another's sharing the Redis (and from tests).
        "key_prefix": f"{app.config['SAYSO_QUEUE_PREFIX']}-limits",
        "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
        "socket_timeout": REDIS_TIMEOUT_SECONDS,
        # No retries: a failure falls back to memory at once instead of waiting again.
        "retry": Retry(NoBackoff(), 0),
    }


def _log_breach(limit: RequestLimit) -> None:
    # The endpoint and the limit only: never the path (tokens), address or account.
    log.warning("rate limit hit: endpoint=%s limit=%s", request.endpoint, limit.limit)


class _WithoutLimitKeys(logging.Filter):
    """Flask-Limiter's own "exceeded" line names the key (an address or an account hash);
    ``_log_breach`` writes the line Sayso wants instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("ratelimit ")


def _hide_limit_keys_from_logs() -> None:
    logger = logging.getLogger("flask-limiter")
    if not any(isinstance(f, _WithoutLimitKeys) for f in logger.filters):
        logger.addFilter(_WithoutLimitKeys())


def retry_after_seconds(error: HTTPException) -> int:
    """Seconds until the limit that was hit lets this visitor in again."""
    limiter = current_app.extensions.get(EXTENSION)
    hit = limiter.current_limit if limiter is not None else None
    if hit is not None:
        try:
            return max(1, math.ceil(hit.window[0] - time.time()))
        except Exception:  # the storage may be gone: go by the length of the limit
            return int(hit.limit.get_expiry())
    return 60


def too_many_requests(error: HTTPException) -> ResponseReturnValue:
    """The 429 page: in the visitor's language, says how long to wait, keeps posted answers."""
    wait = retry_after_seconds(error)
    if is_api_request():
        message = f"Too many requests. Try again in {wait} seconds."
        body = {"error": {"status": 429, "code": "too_many_requests", "message": message}}
        return jsonify(body), 429, {"Retry-After": str(wait)}
    keeps = request.method == "POST" and request.endpoint in KEEPS_ANSWERS
    page = render_template(
        "errors/too_many_requests.html",
        heading=_heading(keeps),
        wait_message=_wait_message(math.ceil(wait / 60), keeps),
        respondent_page=request.blueprint in ("respond", "links"),
        fields=posted_fields() if keeps else [],
        keeps=keeps,
        action=request.full_path.rstrip("?"),
    )
    response = make_response(page, 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _heading(keeps: bool) -> str:
    if keeps and request.endpoint == "respond.send":
        return _("Your answers have not been sent yet")
    if keeps and request.endpoint in ("respond.page", "respond.save"):
        return _("Your answers have not been saved yet")
    return _("Too many tries")


def _wait_message(minutes: int, keeps: bool) -> str:
    if keeps:
        if minutes <= 1:
            return _("Wait a minute, then press ‘Try again’.")
        return ngettext(
            "Wait %(num)d minute, then press ‘Try again’.",
            "Wait %(num)d minutes, then press ‘Try again’.",
            minutes,
        )
    if minutes <= 1:
        return _("Wait a minute, then try again.")
    return ngettext(
        "Wait %(num)d minute, then try again.", "Wait %(num)d minutes, then try again.", minutes
    )
