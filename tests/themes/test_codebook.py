"""Codebooks: the shipped one is complete; broken ones are reported as file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.text.language import SHIPPED
from app.themes.codebook import (
    CodebookError,
    codebook_path,
    load_codebook,
    named_codebook,
    parse_codebook,
)
from tests.themes.factories import CODEBOOK

THEMES = [
    "listened_to",
    "understanding_plan",
    "social_worker_change",
    "relationship_with_worker",
    "contact_family",
    "placement_carers",
    "safety",
    "school_education",
    "health_wellbeing",
    "money",
    "accommodation",
    "loneliness",
    "independence_skills",
    "meetings_reviews",
    "respect_identity",
    "other",
]


def test_default_codebook_has_every_theme_with_patterns_in_every_language():
    codebook = named_codebook()
    assert codebook.theme_ids == THEMES
    for theme in codebook.themes:
        assert theme.label and theme.description and "\n" not in theme.description
        assert theme.languages() == set(SHIPPED), theme.id


def test_a_codebook_file_is_named_by_its_file_name_only(tmp_path: Path):
    assert codebook_path("tiny", tmp_path) == tmp_path / "tiny.yaml"
    with pytest.raises(CodebookError, match="file name only"):
        codebook_path("../secrets", tmp_path)


def test_a_survey_can_name_its_own_codebook(tmp_path: Path):
    (tmp_path / "tiny.yaml").write_text(CODEBOOK, encoding="utf-8")
    assert named_codebook("tiny", tmp_path).theme_ids == ["pets", "food"]


def problems_in(text: str) -> list[str]:
    with pytest.raises(CodebookError) as caught:
        parse_codebook(text, "cb.yaml")
    return [str(p) for p in caught.value.problems]


def test_every_problem_is_reported_with_its_line():
    broken = CODEBOOK.replace("label: Food", "lable: Food").replace(
        "tone: negative}]\n  - id: food", "tone: sad}]\n  - id: food"
    )
    broken = broken.replace("pl: [jedzeni*]", "xx: [jedzeni*]")
    found = problems_in(broken)
    assert "cb.yaml:8: theme pets (en): tone must be positive or negative" in found
    assert "cb.yaml:10: unknown key 'lable' in a theme" in found
    assert any(p.startswith("cb.yaml:14: theme food: 'xx' is not one of") for p in found)
    assert any("theme food needs a 'label'" in p for p in found)


def test_duplicate_themes_empty_patterns_and_bad_weights_are_problems():
    text = CODEBOOK.replace("id: food", "id: pets").replace(
        "[food, dinner,", "[{match: food, weight: 2},"
    )
    found = problems_in(text)
    assert any("theme id 'pets' is used twice" in p for p in found)
    assert any("weight must be above 0 and at most 1" in p for p in found)
    assert problems_in(CODEBOOK.replace("en: [dog, cat,", 'en: ["... dog", cat,'))[0].endswith(
        "cannot start or end with '...'"
    )


def test_yaml_syntax_errors_name_the_line():
    assert problems_in("id: x\nthemes: [\n")[0].startswith("cb.yaml:3: YAML syntax")


def test_themes_check_lists_problems_and_fails(cli, tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text(CODEBOOK, encoding="utf-8")
    assert cli.invoke(args=["themes", "check", str(good)]).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(CODEBOOK.replace("title:", "titel:"), encoding="utf-8")
    result = cli.invoke(args=["themes", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2: unknown key 'titel' in the codebook" in result.output


def test_shipped_codebooks_pass_the_check(cli):
    assert cli.invoke(args=["themes", "check"]).exit_code == 0
    assert load_codebook(Path(named_codebook().source)).id == "childrens-social-care"


def test_themes_people_add_are_matched_in_every_language():
    from app.themes.codebook import with_local_themes
    from app.themes.pipeline import ThemePipeline

    codebook = with_local_themes(
        named_codebook(),
        [("wifi", "Wifi", "Internet at home.", ["wifi", "internet"]), ("safety", "x", "x", ["x"])],
    )
    assert codebook.theme_ids[-2:] == ["wifi", "other"]
    assert codebook.theme("safety").label == "Feeling safe"
    pipeline = ThemePipeline(codebook)
    assert pipeline.theme("the wifi is slow").theme_ids == ["wifi"]
    assert pipeline.theme("nie działa wifi w domu", "pl").theme_ids == ["wifi"]
