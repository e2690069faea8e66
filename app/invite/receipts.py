"""``POST /notify/receipts``: GOV.UK Notify's delivery receipts (its "callbacks").

Notify posts JSON (``id``, ``reference``, ``to``, ``status``, ``notification_type``, ...)
with ``Authorization: Bearer <token>``, the token the service set in Notify's callback
settings and in ``SAYSO_NOTIFY_CALLBACK_TOKEN``. Without that setting the URL does not
exist. The receipt's ``to`` (a phone number) is never stored or logged.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue

from app.extensions import csrf, db
from app.invite.texting import record_text_receipt

blueprint = Blueprint("notify_receipts", __name__)


@blueprint.post("/notify/receipts")
@csrf.exempt
def receipt() -> ResponseReturnValue:
    expected = current_app.config.get("SAYSO_NOTIFY_CALLBACK_TOKEN")
    if not expected:
        abort(404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
        return jsonify(error="unauthorised"), 401
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or body.get("notification_type", "sms") != "sms":
        return jsonify(error="not a text message receipt"), 400
    known = record_text_receipt(
        db.session, str(body.get("id", "")), str(body.get("reference", "")), str(body.get("status"))
    )
    db.session.commit()
    # 200 even for a receipt Sayso does not know: Notify would otherwise retry it for hours.
    return jsonify(recorded=known), 200
