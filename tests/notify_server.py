"""A local fake of GOV.UK Notify's REST API, started by the tests on a free port.

It speaks the documented v2 API: ``POST /v2/notifications/sms`` and ``/email`` with a JSON
body, authenticated by a JWT bearer token signed (HS256) with the API key's secret, whose
``iss`` is the service id and whose ``iat`` is recent. It keeps what it was sent, answers
201 as Notify does, and refuses what Notify refuses (400, 403) with Notify's error shape.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from flask import Flask

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"sayso_test-{SERVICE_ID}-{SECRET}"
UK_MOBILE_PREFIXES = ("07", "+447", "447")


@dataclass
class FakeNotify:
    url: str = ""
    sent: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def texts(self) -> list[dict[str, Any]]:
        with self.lock:
            return [m for m in self.sent if m["kind"] == "sms"]

    def emails(self) -> list[dict[str, Any]]:
        with self.lock:
            return [m for m in self.sent if m["kind"] == "email"]


def _errors(status: int, error: str, message: str) -> tuple[int, dict[str, Any]]:
    return status, {"status_code": status, "errors": [{"error": error, "message": message}]}


def _authorised(header: str) -> bool:
    if not header.startswith("Bearer "):
        return False
    try:
        claims = jwt.decode(header[7:], SECRET, algorithms=["HS256"], options={"verify_iat": True})
    except jwt.PyJWTError:
        return False
    return claims.get("iss") == SERVICE_ID and abs(time.time() - claims.get("iat", 0)) < 30


def _answer(fake: FakeNotify, kind: str, auth: str, body: dict[str, Any]):  # type: ignore[no-untyped-def]
    if not _authorised(auth):
        return _errors(403, "AuthError", "Invalid token: signature, api token not found")
    if kind == "sms":
        number = str(body.get("phone_number", "")).replace(" ", "")
        if not number.startswith(UK_MOBILE_PREFIXES):
            return _errors(400, "ValidationError", "phone_number Not a UK mobile number")
    elif "@" not in str(body.get("email_address", "")):
        return _errors(400, "ValidationError", "email_address Not a valid email address")
    notification_id = str(uuid.uuid4())
    with fake.lock:
        fake.sent.append({"kind": kind, "id": notification_id, **body})
    return 201, {
        "id": notification_id,
        "reference": body.get("reference"),
        "content": {"body": json.dumps(body.get("personalisation"))},
        "uri": f"{fake.url}/v2/notifications/{notification_id}",
        "template": {"id": body.get("template_id"), "version": 1, "uri": ""},
    }


@contextmanager
def fake_notify_server() -> Iterator[FakeNotify]:
    fake = FakeNotify()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            kinds = {"/v2/notifications/sms": "sms", "/v2/notifications/email": "email"}
            if self.path not in kinds:
                status, answer = _errors(404, "NotFound", "Not found")
            else:
                status, answer = _answer(
                    fake, kinds[self.path], self.headers.get("Authorization", ""), body
                )
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # a recipient's details are no business of the test log

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


SMS_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"


@contextmanager
def notify_for(app: Flask, **settings: str) -> Iterator[FakeNotify]:
    """A fake Notify that ``app`` sends its texts to (``settings`` are more config, such as
    ``SAYSO_NOTIFY_EMAIL_TEMPLATE``); the fake stops afterwards."""
    with fake_notify_server() as fake:
        app.config.update(
            SAYSO_NOTIFY_API_KEY=API_KEY,
            SAYSO_NOTIFY_SMS_TEMPLATE=SMS_TEMPLATE,
            SAYSO_NOTIFY_BASE_URL=fake.url,
            **settings,
        )
        yield fake
