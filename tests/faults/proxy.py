"""A TCP proxy between the app and PostgreSQL that a test can cut, as a restart would.

The shared PostgreSQL server is never stopped: the app talks to it through this proxy,
and the test cuts every connection and refuses new ones (the server is "down"), restores
it (the server is "back"), hangs the path (everything sent is swallowed and nothing comes
back, as through a stalled firewall), or drops one connection at the exact moment a
transaction commits, which is where a half-written response would come from.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

# PostgreSQL's wire protocol carries the statement text, so the commit is easy to spot.
COMMIT = b"COMMIT\x00"


@dataclass(eq=False)
class _Link:
    client: socket.socket
    upstream: socket.socket
    drop_next_reply: bool = False
    closed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
        for sock in (self.client, self.upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


class CuttableProxy:
    """Forward 127.0.0.1:<port> to ``upstream``; ``cut()``, ``restore()`` and the commit
    faults below break it on purpose."""

    def __init__(self, upstream_host: str = "127.0.0.1", upstream_port: int = 5432) -> None:
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._links: set[_Link] = set()
        self._lock = threading.Lock()
        self._down = False
        self._commit_fault: str | None = None
        self._hung = False
        self._held: list[socket.socket] = []
        self.commits_broken = 0
        self._running = True
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def url_for(self, database_url: str) -> str:
        """The same database URL, pointed at this proxy. It must name the server this
        proxy forwards to (with or without the port): otherwise the app would bypass the
        proxy and no fault would reach it."""
        from sqlalchemy.engine import make_url

        url = make_url(database_url)
        upstream = (url.host or "127.0.0.1", url.port or 5432)
        if upstream != self.upstream:
            raise ValueError(f"this proxy forwards to {self.upstream}, not to {upstream}")
        return url.set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def cut(self) -> None:
        """The server goes away: every open connection drops and new ones are refused."""
        with self._lock:
            self._down = True
            links = list(self._links)
        for link in links:
            link.close()

    def restore(self) -> None:
        with self._lock:
            self._down = False

    def hang(self, release_after: float) -> None:
        """The path hangs: new connections are accepted and open ones stay open, but
        nothing reaches the server and nothing comes back. After ``release_after`` seconds
        (so code that waits forever fails its test instead of hanging it) every connection
        made or used meanwhile is dropped and the proxy forwards again."""
        with self._lock:
            self._hung = True
        timer = threading.Timer(release_after, self._release)
        timer.daemon = True
        timer.start()

    def _release(self) -> None:
        with self._lock:
            self._hung = False
            held, self._held = self._held, []
        for client in held:
            client.close()
        self.cut()
        self.restore()

    def drop_next_commit(self) -> None:
        """The next COMMIT never reaches the server: its connection drops instead, so the
        server rolls the transaction back."""
        self._commit_fault = "drop"

    def lose_next_commit_reply(self) -> None:
        """The next COMMIT reaches the server and succeeds, but the connection drops before
        the reply: the app cannot know its transaction was committed."""
        self._commit_fault = "lose-reply"

    def close(self) -> None:
        self._running = False
        self._release()
        self.cut()
        self._listener.close()
        self._thread.join(timeout=5)

    def _accept(self) -> None:
        while self._running:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._down:
                client.close()
                continue
            if self._hung:
                with self._lock:
                    self._held.append(client)
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            link = _Link(client, upstream)
            with self._lock:
                self._links.add(link)
            threading.Thread(target=self._to_server, args=(link,), daemon=True).start()
            threading.Thread(target=self._to_client, args=(link,), daemon=True).start()

    def _to_server(self, link: _Link) -> None:
        while True:
            data = self._receive(link, link.client)
            if not data:
                break
            if self._hung:
                continue
            if COMMIT in data and self._commit_fault is not None:
                fault, self._commit_fault = self._commit_fault, None
                self.commits_broken += 1
                if fault == "drop":
                    break
                link.drop_next_reply = True
            try:
                link.upstream.sendall(data)
            except OSError:
                break
        self._forget(link)

    def _to_client(self, link: _Link) -> None:
        while True:
            data = self._receive(link, link.upstream)
            if not data or link.drop_next_reply:
                break
            if self._hung:
                continue
            try:
                link.client.sendall(data)
            except OSError:
                break
        self._forget(link)

    @staticmethod
    def _receive(link: _Link, sock: socket.socket) -> bytes:
        try:
            return sock.recv(65536)
        except OSError:
            return b""

    def _forget(self, link: _Link) -> None:
        link.close()
        with self._lock:
            self._links.discard(link)
