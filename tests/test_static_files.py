"""Static files are versioned, kept by browsers for a year, and sent compressed; pages
are never compressed (they carry CSRF tokens: BREACH)."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

from flask import Flask, url_for

STATIC = Path(__file__).resolve().parent.parent / "app" / "static"


def stylesheet_url(app: Flask) -> str:
    page = app.test_client().get("/s/no-such-survey").get_data(as_text=True)
    found = re.search(r'href="(/static/build/sayso\.css\?v=[0-9a-f]{12})"', page)
    assert found, "the stylesheet link carries no version"
    return found.group(1)


def test_versioned_stylesheet_is_cached_for_a_year_and_sent_gzipped(sqlite_app):
    client = sqlite_app.test_client()
    response = client.get(stylesheet_url(sqlite_app), headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    body = response.get_data()
    original = (STATIC / "build" / "sayso.css").read_bytes()
    assert gzip.decompress(body) == original
    assert int(response.headers["Content-Length"]) == len(body) < len(original) / 4
    response.close()


def test_browser_without_gzip_gets_the_file_as_it_is(sqlite_app):
    response = sqlite_app.test_client().get(stylesheet_url(sqlite_app))
    assert "Content-Encoding" not in response.headers
    assert response.get_data() == (STATIC / "build" / "sayso.css").read_bytes()
    response.close()


def test_unversioned_script_is_revalidated_and_unchanged_costs_no_body(sqlite_app):
    client = sqlite_app.test_client()
    path = "/static/build/govuk-frontend.min.js"
    first = client.get(path, headers={"Accept-Encoding": "gzip"})
    assert "immutable" not in first.headers.get("Cache-Control", "")
    etag = first.headers["ETag"]
    assert etag.startswith('W/"')
    first.close()
    again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    again.close()


def test_changing_a_file_changes_its_version(sqlite_app, tmp_path):
    sqlite_app.static_folder = str(tmp_path)
    (tmp_path / "note.css").write_text("body { color: red }")
    with sqlite_app.test_request_context():
        before = url_for("static", filename="note.css")
        (tmp_path / "note.css").write_text("body { color: blue }")
        os.utime(tmp_path / "note.css", (1, 1))
        after = url_for("static", filename="note.css")
    assert before != after and "?v=" in after


def test_pages_are_never_compressed(sqlite_app):
    response = sqlite_app.test_client().get("/staff/sign-in", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "csrf_token" in response.get_data(as_text=True)
    assert "Content-Encoding" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_small_files_are_sent_from_memory_not_from_an_open_file(sqlite_app):
    # A visitor who leaves mid-download (the quick exit) must leave no file handle open.
    with sqlite_app.test_request_context("/static/images/favicon.svg"):
        response = sqlite_app.full_dispatch_request()
    assert response.status_code == 200
    assert response.is_sequence, "the file is streamed from an open handle"
    assert response.get_data() == (STATIC / "images" / "favicon.svg").read_bytes()


def test_a_range_request_still_gets_part_of_the_file(sqlite_app):
    path = "/static/build/sayso.css"
    response = sqlite_app.test_client().get(path, headers={"Range": "bytes=0-9"})
    assert response.status_code == 206
    assert response.get_data() == (STATIC / "build" / "sayso.css").read_bytes()[:10]
    response.close()


def test_pages_load_govuk_frontend_by_its_versioned_url(sqlite_app):
    """No script is imported without its content hash, so none is asked for again on
    every page."""
    from tests.conftest import SURVEYS, publish

    survey_id = publish(SURVEYS / "lac-review-young-person.yaml")
    html = sqlite_app.test_client().get(f"/s/{survey_id}").get_data(as_text=True)
    imported = re.findall(r"from \"([^\"]+govuk-frontend\.min\.js[^\"]*)\"", html)
    assert imported and all("?v=" in url for url in imported), imported
    script = (STATIC / "js" / "sayso.js").read_text()
    assert not re.search(r"^\s*import\b", script, re.MULTILINE)
    versioned = sqlite_app.test_client().get(imported[0])
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    versioned.close()
