"""A mail server that stops answering holds a worker for SAYSO_SMTP_TIMEOUT at most."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from flask import Flask

from app.mail import Email, MailError, send_email
from tests.faults.servers import stalling_smtp_server


def test_a_stalled_mail_server_gives_up_within_the_setting(
    sqlite_app: Flask, tmp_path: Path
) -> None:
    sqlite_app.config["SAYSO_SMTP_TIMEOUT"] = 1.0
    email = Email(to="someone@example.gov.uk", subject="Hello", text="Hello")
    with stalling_smtp_server() as (smtp_url, mailbox):
        started = time.monotonic()
        with pytest.raises(MailError):
            send_email(email, smtp_url, "sayso@example.gov.uk", "Sayso", tmp_path)
        waited = time.monotonic() - started
        assert mailbox.stalled.is_set()
    assert waited < 3, f"the sender waited {waited:.1f} s"
