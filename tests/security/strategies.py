"""Hypothesis strategies for hostile input: paths, query strings, headers and bodies."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import strategies as st

# Percent-encoded as they would arrive on the wire: traversal, NUL, broken UTF-8,
# overlong encodings, right-to-left marks, double encoding and markup.
RAW_SEGMENTS = (
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e%2f%2e%2e%2fapp.db",
    "..%5c..%5cwindows",
    "%252e%252e%252f",
    "%00",
    "every-type%00.yaml",
    "%ff%fe%fd",
    "%c0%af%c0%ae",
    "%e2%80%ae%e2%80%8f",
    "%",
    "%zz",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%7B%7B7*7%7D%7D",
    "x" * 5000,
    "0" * 400,
    "-1",
    "99999999999999999999999",
    ".",
    "..",
)
# Only where the route takes a whole path (``<path:...>``): slashes are part of the value.
RAW_PATHS = ("../../app/config.py", "..//..//etc/passwd", "build/../../../pyproject.toml")

HOSTILE_TEXT = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "{% print 7*7 %}",
    '=HYPERLINK("http://x.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "a\x00b",
    "\u202eevil\u202c",
    "\ud7ff\ufffe\uffff",
    "' OR 1=1 --",
    "Robert'); DROP TABLE response;--",
)

# Any character a browser can send (no lone surrogates: UTF-8 cannot carry them).
_chars = st.characters(codec="utf-8")
hostile_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(_chars, max_size=200),
    # Long answers, built by repeating a short one (quicker to make than to draw).
    st.tuples(st.text(_chars, min_size=1, max_size=8), st.integers(300, 800)).map(
        lambda piece: piece[0] * piece[1]
    ),
)


def segment(real: str, whole_path: bool = False) -> st.SearchStrategy[str]:
    """One route argument, ready to put in a URL: the real value or something hostile."""
    raw = RAW_SEGMENTS + (RAW_PATHS if whole_path else ())
    return st.one_of(
        st.just(real),
        st.sampled_from(raw),
        st.text(_chars, min_size=1, max_size=300).map(lambda s: quote(s, safe="")),
        st.binary(min_size=1, max_size=40).map(lambda b: quote(b, safe="")),
        hostile_text.filter(bool).map(lambda s: quote(s, safe="")),
    )


_query_value = st.one_of(
    st.sampled_from(
        ("en", "ar", "cy", "../../etc", "EN", "en-GB", "xx", "", "1", "//evil.example")
    ),
    st.text(_chars, max_size=100).map(lambda s: quote(s, safe="")),
    st.binary(max_size=20).map(lambda b: quote(b, safe="")),
    st.just("a" * 20000),
    st.sampled_from(("%00", "%ff", "%", "%zz", "https:%2f%2fevil.example")),
    # Numbers no record can have: past the database's integers, or digits other than 0-9.
    st.integers(min_value=2**31, max_value=10**40).map(str),
    st.text(
        st.characters(categories=["Nd", "No"], exclude_characters="0123456789"),
        min_size=1,
        max_size=6,
    ).map(lambda s: quote(s, safe="")),
    st.integers(min_value=2**31, max_value=10**30).map(lambda n: f"20260101T000000000000-{n}"),
)
_query_pair = st.tuples(
    st.sampled_from(
        (
            *("lang", "next", "change", "v", "status", "page", "team", "audience"),
            *("older_than", "newer_than"),
        )
    ),
    _query_value,
).map(lambda kv: f"{kv[0]}={kv[1]}")
query_strings = st.lists(_query_pair, max_size=4).map("&".join)

_latin1 = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=300)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Accept-Language": st.one_of(_latin1, st.just("ar;q=2,en;q=-1,*;q=nan,xx-" + "y" * 500)),
        "Cookie": _latin1.map(lambda v: f"sayso_draft_every-type={v}; session={v}"),
        "Authorization": st.one_of(_latin1, _latin1.map(lambda v: f"Bearer {v}")),
        "Content-Type": st.sampled_from(
            (
                "application/json",
                "text/plain; charset=utf-8",
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "application/x-www-form-urlencoded; charset=utf-16",
                "application/x-www-form-urlencoded; charset=nope",
            )
        ),
        "X-Forwarded-For": _latin1,
        "Host": st.sampled_from(("evil.example", "localhost:99999", "[::1", "a" * 300)),
    },
)

FIELD_NAMES = (
    "csrf_token",
    "submission_key",
    "code",
    "email",
    "password",
    "confirm",
    "action",
    "feeling",
    "listened",
    "knew",
    "why_not",
    "how",
    "where",
    "score",
    "when",
    "better",
    "what_would_help",
    "life_satisfaction",
)
form_fields = st.lists(
    st.tuples(st.one_of(st.sampled_from(FIELD_NAMES), st.text(_chars, max_size=30)), hostile_text),
    max_size=8,
)
