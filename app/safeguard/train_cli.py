"""``sayso screen train``: retrain the learned layer (see ``retraining.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from app.extensions import db
from app.safeguard.classifier import MODEL_FILE, load_model
from app.safeguard.quality import Quality
from app.safeguard.retraining import BLIND_FILE, TUNE_FILE, train_screen
from app.safeguard.training import stored_decisions
from app.text.encoder import EncoderFilesError, load_encoder


def read_decisions(path: Path) -> list[tuple[str, bool]]:
    """A lead's decisions as (text, is_concern) from a JSON Lines file of
    ``{"text": ..., "concern": true|false}``."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            pairs.append((str(row["text"]), bool(row["concern"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise click.BadParameter(
                f"{path}:{number}: needs text and concern", param_hint="--decisions"
            ) from exc
    return pairs


def _print_quality(title: str, quality: Quality) -> None:
    click.echo(f"{title}: recall {quality.recall.describe()}")
    click.echo(f"  false alerts {quality.false_alerts.describe()}")
    click.echo(f"  false alerts raised as high {quality.false_high.describe()}")
    for category, tally in sorted(quality.by_category.items()):
        false = quality.false_by_category.get(category)
        false_text = f"{false.rate:.3f}" if false else "0.000"
        click.echo(f"  {category:24} recall {tally.describe():32} false alerts {false_text}")


@click.command("train")
@click.option(
    "--decisions",
    "decisions_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help='Leads\' decisions: JSON Lines of {"text": ..., "concern": true|false}.',
)
@click.option(
    "--tune",
    "tune_path",
    type=click.Path(exists=True, path_type=Path),
    default=TUNE_FILE,
    help="Labelled .jsonl the thresholds are chosen on.",
)
@click.option(
    "--blind",
    "blind_path",
    type=click.Path(path_type=Path),
    default=BLIND_FILE,
    help=(
        "Labelled .jsonl the new and installed models are compared on; "
        "without one, they are compared on the tune set, and the output says so."
    ),
)
@click.option(
    "--model",
    "model_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=MODEL_FILE,
    show_default=True,
    help="Where the model is installed.",
)
def train_command(
    decisions_path: Path | None, tune_path: Path, blind_path: Path, model_path: Path
) -> None:
    """Retrain from the shipped corpus plus the council's decisions (the review queue's,
    and any in --decisions); install the model unless it is worse than the installed one
    on the blind set."""
    decisions = stored_decisions(db.session)
    db.session.rollback()
    click.echo(f"{len(decisions)} decisions from the review queue")
    if decisions_path:
        decisions += read_decisions(decisions_path)
    try:
        encoder = load_encoder()
    except EncoderFilesError as exc:
        raise click.ClickException(str(exc)) from exc
    run = train_screen(
        encoder,
        decisions,
        tune_file=tune_path,
        blind_file=blind_path,
        current=model_path,
        say=click.echo,
    )
    _print_quality("cross-validated (model alone, 5 folds)", run.cross_validated)
    _print_quality("tune set (whole screen)", run.tune)
    click.echo(f"thresholds: {json.dumps(run.model.thresholds)}")
    judged = "blind set" if run.judged_on == blind_path else "tune set (no blind set)"
    if run.blind_new is not None:
        _print_quality(f"{judged}, new model", run.blind_new)
    if run.blind_current is not None:
        _print_quality(f"{judged}, installed model", run.blind_current)
    if run.refusal:
        raise click.ClickException(f"not installed: {run.refusal}")
    run.model.save(model_path)
    load_model.cache_clear()
    click.echo(f"installed {model_path}")
