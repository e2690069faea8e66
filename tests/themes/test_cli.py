"""``sayso themes run`` and ``sayso themes train`` on files."""

from __future__ import annotations

import json
from pathlib import Path

from tests.themes.factories import CODEBOOK, write_csv, write_jsonl


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_run_prints_one_object_per_comment_in_order_then_a_summary(cli, tmp_path: Path):
    path = write_csv(
        tmp_path / "c.csv",
        ["id", "comment", "language"],
        [
            ["1", "My social worker Sarah keeps changing", "en"],
            ["2", "Nie czuję się bezpiecznie w domu", ""],
            ["3", "i like my dog", "en"],
        ],
    )
    result = cli.invoke(
        args=["themes", "run", "--input", str(path), "--text-column", "comment", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    *records, summary = lines(result.output)
    assert [r["id"] for r in records] == ["1", "2", "3"]
    assert records[0]["themes"][0]["id"] == "social_worker_change"
    assert records[0]["redacted"] == "My social worker [name] keeps changing"
    assert records[1]["language"] == "pl" and records[1]["themes"][0]["id"] == "safety"
    assert set(records[0]) >= {"themes", "sentiment", "language", "redacted"}
    assert summary["summary"]["comments"] == 3
    assert summary["summary"]["themes"]["safety"] == 1
    assert summary["summary"]["themes"]["money"] == 0


def test_run_reads_jsonl_and_a_survey_codebook(cli, tmp_path: Path):
    path = write_jsonl(tmp_path / "c.jsonl", [{"text": "not enough food"}, "my cat"])
    codebook = tmp_path / "tiny.yaml"
    codebook.write_text(CODEBOOK, encoding="utf-8")
    result = cli.invoke(args=["themes", "run", "--input", str(path), "--codebook", str(codebook)])
    *records, summary = lines(result.output)
    assert [r["themes"][0]["id"] for r in records] == ["food", "pets"]
    assert summary["summary"]["themes"] == {"pets": 1, "food": 1}


def test_bad_input_gets_a_clear_message(cli, tmp_path: Path):
    path = write_csv(tmp_path / "c.csv", ["id", "comment"], [["1", "hello"]])
    result = cli.invoke(args=["themes", "run", "--input", str(path), "--text-column", "text"])
    assert result.exit_code == 2 and "has no column 'text' (it has: id, comment)" in result.output
    broken = tmp_path / "b.jsonl"
    broken.write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    result = cli.invoke(args=["themes", "run", "--input", str(broken)])
    assert result.exit_code == 2 and "b.jsonl:2: not JSON" in result.output
    other = tmp_path / "c.txt"
    other.write_text("hi", encoding="utf-8")
    assert (
        "must be a .csv or .jsonl"
        in cli.invoke(args=["themes", "run", "--input", str(other)]).output
    )
    bad_codebook = tmp_path / "bad.yaml"
    bad_codebook.write_text("id: x\n", encoding="utf-8")
    result = cli.invoke(
        args=[
            "themes",
            "run",
            "--input",
            str(path),
            "--text-column",
            "comment",
            "--codebook",
            str(bad_codebook),
        ]
    )
    assert result.exit_code == 1 and "bad.yaml:1:" in result.output


def test_train_then_run_with_the_model(cli, tmp_path: Path):
    rows = [
        [f"the wifi is {w} {p}", "wifi"]
        for w in ("slow", "bad", "down")
        for p in ("today", "again", "lol")
    ]
    rows += [
        [f"i miss my {w} {p}", "contact_family, loneliness"]
        for w in ("mum", "dad", "nan")
        for p in ("today", "so much", "lots")
    ]
    rows += [["no label here", ""]]
    path = write_csv(tmp_path / "coded.csv", ["comment", "codes"], rows)
    out = tmp_path / "model"
    result = cli.invoke(
        args=[
            "themes",
            "train",
            "--input",
            str(path),
            "--text-column",
            "comment",
            "--label-column",
            "codes",
            "--label-separator",
            ",",
            "--out",
            str(out),
            "--folds",
            "3",
        ]
    )
    assert result.exit_code == 0, result.output
    report = lines(result.output)[0]
    assert report["examples"] == 18 and report["uncoded"] == 1
    assert set(report["themes"]) == {"wifi", "contact_family", "loneliness"}
    assert (out / "model.json").exists()
    comments = write_jsonl(
        tmp_path / "new.jsonl", [{"text": "wifi is slow"}, {"text": "miss my dad"}]
    )
    result = cli.invoke(args=["themes", "run", "--input", str(comments), "--model", str(out)])
    *records, summary = lines(result.output)
    assert records[0]["themes"][0]["id"] == "wifi"
    assert {t["id"] for t in records[1]["themes"]} == {"contact_family", "loneliness"}
    # The summary counts the model's themes, not the codebook's unused ones at zero.
    assert summary["summary"]["themes"] == {"contact_family": 1, "loneliness": 1, "wifi": 1}


def test_train_refuses_too_few_coded_comments(cli, tmp_path: Path):
    path = write_csv(tmp_path / "coded.csv", ["comment", "codes"], [["hi", "other"]] * 3)
    result = cli.invoke(
        args=[
            "themes",
            "train",
            "--input",
            str(path),
            "--text-column",
            "comment",
            "--label-column",
            "codes",
            "--out",
            str(tmp_path / "m"),
        ]
    )
    assert result.exit_code == 1 and "Need at least 10 coded comments" in result.output


def test_train_and_run_show_progress_on_standard_error(cli, tmp_path: Path):
    rows = [[f"the wifi is {w} {p}", "wifi"] for w in ("slow", "bad") for p in ("today", "lol")]
    rows += [[f"i miss my {w} {p}", "contact_family"] for w in ("mum", "dad") for p in ("a", "b")]
    path = write_csv(tmp_path / "coded.csv", ["comment", "codes"], rows)
    out = tmp_path / "model"
    args = ["--text-column", "comment", "--label-column", "codes", "--folds", "2"]
    result = cli.invoke(
        args=["themes", "train", "--input", str(path), "--out", str(out), *args, "--progress"]
    )
    assert result.exit_code == 0, result.output
    assert "reading comments: 8/8" in result.stderr
    assert "learning: 1/3" in result.stderr and "learning: 3/3" in result.stderr
    assert lines(result.stdout)[0]["examples"] == 8  # standard output stays JSON
    comments = write_jsonl(tmp_path / "new.jsonl", [{"text": "wifi is slow"}] * 300)
    result = cli.invoke(args=["themes", "run", "--input", str(comments), "--progress"])
    assert "theming: 256/300" in result.stderr and "theming: 300/300" in result.stderr
    assert len(lines(result.stdout)) == 301
    quiet = cli.invoke(args=["themes", "run", "--input", str(comments), "--no-progress"])
    assert quiet.stderr == ""
