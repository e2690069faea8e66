"""How long Sayso waits for PostgreSQL, so a hung database never hangs a respondent.

Three bounds are set on the server for every connection (``statement_timeout``,
``lock_timeout``, ``idle_in_transaction_session_timeout``) and one on the client:
``connect_timeout`` for opening a connection. The server's own timeouts cannot help when
the path to it hangs (a stalled firewall, a frozen server, a proxy that stops forwarding):
the client would wait for a reply forever. So every wait on a connection is bounded here
too, a little longer than the server's statement timeout, and a connection that does not
answer in time is closed and reported as an ordinary database error (the friendly 503 page).

A web request gets short bounds (a respondent is waiting); workers and the command line
get long ones (a report or a migration may legitimately take minutes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy import Engine, event

# Time on top of the server's statement timeout before the client gives up on a reply:
# long enough for the server's own "canceling statement" error to arrive first.
CLIENT_GRACE_SECONDS = 1.0
# A pooled connection is checked with an empty statement before use; a healthy server
# answers in a millisecond, so half a second means the path to it is gone.
PING_SECONDS = 0.5


@dataclass(frozen=True)
class DatabaseBounds:
    """Seconds to wait for each kind of database step."""

    connect: int = 2
    statement: float = 3.0
    lock: float = 2.0
    idle_in_transaction: float = 60.0

    @property
    def reply(self) -> float:
        """The longest the client waits for any reply on an open connection."""
        return self.statement + CLIENT_GRACE_SECONDS

    def server_options(self) -> str:
        """libpq ``options``: the server-side timeouts, in milliseconds."""
        settings = {
            "statement_timeout": self.statement,
            "lock_timeout": self.lock,
            "idle_in_transaction_session_timeout": self.idle_in_transaction,
        }
        return " ".join(f"-c {name}={int(seconds * 1000)}" for name, seconds in settings.items())


class BoundedConnection(psycopg.Connection):  # type: ignore[type-arg]
    """A psycopg connection whose every wait for the server ends within ``reply_bound``."""

    reply_bound: float = DatabaseBounds().reply

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        try:
            return super().wait(gen, interval=interval, timeout=timeout or self.reply_bound)
        except pg_errors._WaitTimeout as exc:
            # The connection is half-way through a conversation nobody will finish.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {timeout or self.reply_bound:g} s"
            ) from exc


def postgres_connect_args(bounds: DatabaseBounds) -> dict[str, Any]:
    return {"connect_timeout": bounds.connect, "options": bounds.server_options()}


def bound_engine(engine: Engine, bounds: DatabaseBounds) -> None:
    """Make ``engine`` open :class:`BoundedConnection` s and ping its pool briefly."""
    if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
        return

    @event.listens_for(engine, "do_connect")
    def connect(dialect: Any, record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        connection = BoundedConnection.connect(*cargs, **cparams)
        connection.reply_bound = bounds.reply
        return connection

    dialect_ping = engine.dialect.do_ping

    def ping(dbapi_connection: Any) -> bool:
        if not isinstance(dbapi_connection, BoundedConnection):
            return dialect_ping(dbapi_connection)
        usual, dbapi_connection.reply_bound = dbapi_connection.reply_bound, PING_SECONDS
        try:
            return dialect_ping(dbapi_connection)
        finally:
            dbapi_connection.reply_bound = usual

    engine.dialect.do_ping = ping  # type: ignore[method-assign]
