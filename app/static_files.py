"""Static files for phones on mobile data: compressed, and kept by the browser.

Every ``url_for('static', ...)`` carries a hash of the file's content (``?v=...``), so a
browser may keep a versioned file for a year and still fetches a new one the moment it
changes (GOV.UK Frontend's script too: the page imports it by its versioned URL).
Unversioned requests are revalidated with their ETag instead, which costs a few hundred
bytes.

Only static files are compressed here, never pages. Pages carry a CSRF token and can show
what someone typed; compressing a secret next to text an attacker can influence leaks the
secret through the response's size (BREACH). Pages are small; the stylesheet and
GOV.UK Frontend's script are most of the weight, and they hold no secrets.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from functools import lru_cache

from flask import Flask, request
from flask.wrappers import Response
from werkzeug.security import safe_join

YEAR = 365 * 24 * 60 * 60
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "image/svg+xml"}
# Below this, compressing saves less than the header costs.
MINIMUM_SIZE = 1024


@lru_cache(maxsize=256)
def _fingerprint(path: str, modified: float) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


@lru_cache(maxsize=256)
def _content(path: str, modified: float) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


@lru_cache(maxsize=64)
def _gzipped(path: str, modified: float) -> bytes:
    return gzip.compress(_content(path, modified), compresslevel=9, mtime=0)


def _file(app: Flask, filename: str) -> tuple[str, float] | None:
    """The static file's path and modification time, or None if there is no such file."""
    path = safe_join(app.static_folder or "", filename)
    if path is None:
        return None
    try:
        return path, os.stat(path).st_mtime
    except OSError:
        return None


def register_static_files(app: Flask) -> None:
    """Version static URLs, cache versioned files for a year, compress text files."""

    @app.url_defaults
    def add_version(endpoint: str, values: dict) -> None:
        if endpoint != "static" or "v" in values:
            return
        found = _file(app, values.get("filename", ""))
        if found is not None:
            values["v"] = _fingerprint(*found)

    @app.after_request
    def cache_and_compress(response: Response) -> Response:
        if request.endpoint != "static":
            return response
        if request.args.get("v"):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        if response.mimetype in COMPRESSIBLE:
            response.vary.add("Accept-Encoding")
        _from_memory(app, response)
        return response


def _from_memory(app: Flask, response: Response) -> None:
    """Send the file from memory, compressed when that helps, instead of streaming it.

    The files are small and few. Holding them in memory saves an open file per request,
    and a visitor who leaves mid-download (the quick exit does exactly that) leaves no
    file handle behind.
    """
    if response.status_code != 200:
        return  # 304 has no body; 206 sends part of the file and keeps its stream
    found = _file(app, (request.view_args or {}).get("filename", ""))
    if found is None:
        return
    compress = (
        response.mimetype in COMPRESSIBLE
        and "gzip" in request.headers.get("Accept-Encoding", "")
        and os.path.getsize(found[0]) >= MINIMUM_SIZE
    )
    response.close()  # the file it would have streamed
    response.direct_passthrough = False
    response.set_data(_gzipped(*found) if compress else _content(*found))
    if not compress:
        return
    response.headers["Content-Encoding"] = "gzip"
    response.headers.pop("Accept-Ranges", None)
    etag, _weak = response.get_etag()
    if etag:
        # Same content, another encoding: a weak validator, as web servers give it.
        response.set_etag(etag, weak=True)
