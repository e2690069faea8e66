"""SMS parts counted as the networks count them: GSM-7 160/153, UCS-2 70/67."""

from __future__ import annotations

import pytest

from app.messaging.sms import sms_length, sms_parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("€" * 80, 1),  # an extension character takes two septets
        ("€" * 81, 2),
        ("ŵ" * 70, 1),  # Welsh w-circumflex is not GSM-7: the whole text is UCS-2
        ("ŵ" + "a" * 70, 2),
        ("ب" * 134, 2),
        ("ب" * 135, 3),
        ("😀" * 35, 1),  # an emoji is two UTF-16 code units
        ("😀" * 36, 2),
    ],
)
def test_parts_are_counted_as_the_networks_count_them(text: str, parts: int) -> None:
    assert sms_parts(text) == parts


def test_encoding_is_reported() -> None:
    assert sms_length("Dywedwch eich barn:") == (19, "GSM-7")
    assert sms_length("Відгук:") == (7, "UCS-2")
