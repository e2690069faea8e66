"""Throwaway databases for the tests: never the data of anything else on the server."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"


def postgres_server_url() -> str:
    url = os.environ.get("SAYSO_TEST_DATABASE_URL", DEFAULT_POSTGRES)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def redis_url() -> str:
    """The test Redis, on a database number of this test process's own: under pytest-xdist
    worker ``gwN`` adds N to the configured number, so workers never share one."""
    url = split_redis_url(os.environ.get("SAYSO_TEST_REDIS_URL", DEFAULT_REDIS))
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    number = int(worker[2:]) if worker[2:].isdecimal() else 0
    return url.with_database(url.database + number).text


@dataclass(frozen=True)
class RedisURL:
    """A ``redis://host:port/N`` URL split at its database number."""

    base: str
    database: int

    @property
    def text(self) -> str:
        return f"{self.base}/{self.database}"

    def with_database(self, database: int) -> RedisURL:
        return RedisURL(self.base, database)


def split_redis_url(url: str) -> RedisURL:
    head, _, tail = url.rstrip("/").rpartition("/")
    if head.endswith(":/") or not tail.isdecimal():  # no database number given
        return RedisURL(url.rstrip("/"), 0)
    return RedisURL(head, int(tail))


@contextmanager
def throwaway_postgres_database() -> Iterator[str]:
    """Create a uniquely named database on the test server, yield its URL, drop it after."""
    with throwaway_database(postgres_server_url(), f"sayso_test_{os.getpid()}") as url:
        yield url


@contextmanager
def throwaway_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new database named ``prefix`` plus a random suffix on the server at
    ``server_url``; its URL is yielded and it is dropped afterwards, connections and all.
    The benchmarks use it too."""
    server = make_url(server_url)
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
