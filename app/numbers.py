"""Numbers that arrive in URLs (ids, page numbers, cursors): plain ASCII digits within
the range the database can hold, or the page does not exist (404).

Python's ``int()`` takes "²" after ``isdigit()`` said yes (and fails), takes "١٢" as 12,
and takes a hundred digits happily; the database then refuses a number past its integer
range with an error. So every number a visitor can type is checked here first.
"""

from __future__ import annotations

import re

from flask import abort, request
from werkzeug.routing import IntegerConverter

# PostgreSQL's ``integer``, the type of every id column.
LARGEST_ID = 2**31 - 1
ASCII_NUMBER = re.compile(r"[0-9]{1,10}")


def parse_number(text: str | None, smallest: int = 0, largest: int = LARGEST_ID) -> int | None:
    """``text`` as a whole number in ``smallest..largest``; ``None`` for anything else."""
    if text is None or not ASCII_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if smallest <= number <= largest else None


def number_arg(name: str, default: int, smallest: int = 1) -> int:
    """A number from the query string (``?page=2``); 404 when it is not a usable one."""
    text = request.args.get(name)
    if text is None or text == "":
        return default
    number = parse_number(text, smallest)
    if number is None:
        abort(404)
    return number


class IdConverter(IntegerConverter):
    """``<int:...>`` in a route: ASCII digits up to :data:`LARGEST_ID`, else no match (404)."""

    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=None, max=LARGEST_ID, signed=False):  # type: ignore[no-untyped-def]
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def whole_or_decimal(value: float | None) -> str:
    """A stored number as a person writes it: 7, not 7.0; 6.5 stays 6.5."""
    return "" if value is None else _num(value)
