"""``staff_required`` and the safe ``next`` path: small pieces later features rely on."""

from __future__ import annotations

import pytest

from app.auth.access import safe_next_path, staff_required


@pytest.mark.parametrize("value", ["/staff", "/admin/users?page=2", "/reports/lac-review#top"])
def test_local_paths_are_safe_next_targets(value):
    assert safe_next_path(value) == value


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "staff",
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "/staff\r\nSet-Cookie: x=1",
        "javascript:alert(1)",
    ],
)
def test_other_sites_and_odd_values_are_not(value):
    assert safe_next_path(value) is None


def test_unknown_role_or_missing_brackets_fail_at_import_time():
    with pytest.raises(ValueError, match="unknown roles"):
        staff_required("superuser")
    with pytest.raises(ValueError):
        staff_required(lambda: "page")  # type: ignore[arg-type]
