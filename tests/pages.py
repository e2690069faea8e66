"""Read pages the way a browser would: parse the HTML, find forms, fill and submit them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import html5lib
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

NS = "{http://www.w3.org/1999/xhtml}"


def _strip(tag: str) -> str:
    return tag.replace(NS, "")


@dataclass
class Page:
    response: TestResponse
    tree: Element

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def title(self) -> str:
        node = self.tree.find(f".//{NS}title")
        return " ".join("".join(node.itertext()).split()) if node is not None else ""

    def text(self) -> str:
        body = self.tree.find(f".//{NS}body")
        return " ".join("".join(body.itertext()).split()) if body is not None else ""

    def h1(self) -> str:
        node = self.tree.find(f".//{NS}h1")
        return " ".join("".join(node.itertext()).split()) if node is not None else ""

    def select(self, tag: str, **attrs: str) -> list[Element]:
        found = []
        for node in self.tree.iter(f"{NS}{tag}"):
            if all(
                attr_matches(node.get(k.rstrip("_").replace("_", "-")), v) for k, v in attrs.items()
            ):
                found.append(node)
        return found

    def error_summary(self) -> list[str]:
        return [
            " ".join("".join(a.itertext()).split())
            for box in self.select("div", class_="govuk-error-summary")
            for a in box.iter(f"{NS}a")
        ]

    def field_errors(self) -> list[str]:
        """Each error message as a sighted reader sees it: without the hidden "Error:"
        prefix that screen readers hear first (in the page's language)."""
        return [_seen_text(p) for p in self.select("p", class_="govuk-error-message")]

    def form(self, index: int = -1) -> Form:
        forms = self.select("form")
        assert forms, f"no form on {self.response.request.path}"
        request = self.response.request
        here = request.full_path.rstrip("?") if request.query_string else request.path
        return Form(forms[index], here)

    def link(self, text: str) -> str:
        for a in self.tree.iter(f"{NS}a"):
            if text in " ".join("".join(a.itertext()).split()):
                return a.get("href") or ""
        raise AssertionError(f"no link {text!r}")


def attr_matches(value: str | None, wanted: str) -> bool:
    if value is None:
        return False
    if wanted.startswith("*"):
        return wanted[1:] in value
    return wanted in value.split() or value == wanted


class Form:
    """A form's default values (hidden fields, checked boxes, typed values)."""

    def __init__(self, node: Element, page_path: str) -> None:
        self.node = node
        self.action = node.get("action") or page_path
        self.method = (node.get("method") or "get").lower()
        self.fields: list[tuple[str, str]] = []
        for el in node.iter():
            tag = _strip(el.tag)
            name = el.get("name")
            if not name:
                continue
            if tag == "input":
                kind = el.get("type", "text")
                if kind in ("radio", "checkbox"):
                    if el.get("checked") is not None:
                        self.fields.append((name, el.get("value", "on")))
                elif kind not in ("submit", "button"):
                    self.fields.append((name, el.get("value", "")))
            elif tag == "textarea":
                self.fields.append((name, el.text or ""))

    def node_inputs(self) -> list[Element]:
        """Every named control in the form."""
        return [
            el
            for el in self.node.iter()
            if _strip(el.tag) in ("input", "textarea", "select") and el.get("name")
        ]

    def values(self, name: str) -> list[str]:
        return [v for n, v in self.fields if n == name]

    def submit(
        self,
        client: FlaskClient,
        data: dict[str, Any] | None = None,
        follow: bool = True,
        **extra: str,
    ) -> Page:
        """Post the form with ``data`` replacing same-named fields (lists for repeats)."""
        data = dict(data or {}) | extra
        fields = [(n, v) for n, v in self.fields if n not in data]
        for name, value in data.items():
            if isinstance(value, tuple) and hasattr(value[0], "read"):
                fields.append((name, value))  # a file upload: (stream, filename)
                continue
            values = value if isinstance(value, list) else [value]
            fields.extend((name, str(v)) for v in values)
        from werkzeug.datastructures import MultiDict

        response = client.post(self.action, data=MultiDict(fields), follow_redirects=follow)
        return parse(response)


def parse(response: TestResponse) -> Page:
    """Parse a response as HTML5; raise if it is not well-formed HTML."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    tree = parser.parse(response.get_data(as_text=True))
    return Page(response, tree)


def get(client: FlaskClient, path: str, status: int = 200, follow: bool = True) -> Page:
    """Fetch a page and check what every page must have: the status, valid HTML, a title."""
    response = client.get(path, follow_redirects=follow)
    assert response.status_code == status, (path, response.status_code)
    page = parse(response)
    if response.mimetype == "text/html":
        assert page.title, f"{path} has no <title>"
    return page


def _seen_text(element: Element) -> str:
    """``element``'s text, leaving out what is only for screen readers."""
    parts = [element.text or ""]
    for child in element:
        if "govuk-visually-hidden" not in (child.get("class") or "").split():
            parts.append(_seen_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())
