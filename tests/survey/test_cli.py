"""``sayso surveys check`` and ``sayso surveys publish`` as an author runs them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.survey.models import Survey, SurveyVersion
from tests.conftest import DATA, SURVEYS


def test_check_passes_shipped_surveys(runner):
    result = runner.invoke(args=["surveys", "check", str(SURVEYS)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_check_exits_1_with_file_and_line(runner, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (DATA / "surveys" / "every-type.yaml").read_text().replace("type: number", "type: numbr")
    )
    result = runner.invoke(args=["surveys", "check", str(bad)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}:")
    assert "'type' must be one of" in lines[0]
    line_number = int(lines[0].split(":")[1])
    assert "numbr" in bad.read_text().splitlines()[line_number - 1]


def test_publish_makes_a_new_version_only_when_content_changes(app, runner, tmp_path: Path):
    folder = tmp_path / "surveys"
    folder.mkdir()
    source = (DATA / "surveys" / "every-type.yaml").read_text()
    (folder / "every-type.yaml").write_text(source)
    app.config["SAYSO_SURVEYS_DIR"] = str(folder)

    first = runner.invoke(args=["surveys", "publish"])
    assert "every-type: version 1 (published)" in first.output
    again = runner.invoke(args=["surveys", "publish"])
    assert "every-type: version 1 (unchanged)" in again.output
    (folder / "every-type.yaml").write_text(
        source.replace("How did your meeting feel?", "How was your meeting?")
    )
    changed = runner.invoke(args=["surveys", "publish"])
    assert "every-type: version 2 (published)" in changed.output

    versions = db.session.scalars(select(SurveyVersion.number)).all()
    assert sorted(versions) == [1, 2]
    assert db.session.get(Survey, "every-type").current_version.number == 2


def test_publish_refuses_invalid_definitions_and_changes_nothing(app, runner, tmp_path: Path):
    folder = tmp_path / "surveys"
    folder.mkdir()
    (folder / "good.yaml").write_text((DATA / "surveys" / "every-type.yaml").read_text())
    (folder / "zbad.yaml").write_text("id: zbad\n")
    app.config["SAYSO_SURVEYS_DIR"] = str(folder)
    result = runner.invoke(args=["surveys", "publish"])
    assert result.exit_code == 1
    assert db.session.scalars(select(Survey)).all() == []
