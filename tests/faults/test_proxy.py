"""The fault tests' database proxy is really in the way: a URL the app is given through it
reaches the proxy whether or not the test server's URL names its port."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from tests.faults.proxy import CuttableProxy


@pytest.mark.parametrize(
    "server",
    [
        "postgresql+psycopg://postgres@127.0.0.1/test",
        "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    ],
)
def test_the_app_is_pointed_at_the_proxy(server):
    proxy = CuttableProxy()
    try:
        through = make_url(proxy.url_for(server))
        assert (through.host, through.port) == ("127.0.0.1", proxy.port)
        assert (through.username, through.database) == ("postgres", "test")
    finally:
        proxy.close()


def test_a_url_for_another_server_is_refused_rather_than_bypassing_the_proxy():
    proxy = CuttableProxy()
    try:
        with pytest.raises(ValueError, match="forwards to"):
            proxy.url_for("postgresql+psycopg://postgres@127.0.0.1:5433/test")
    finally:
        proxy.close()
