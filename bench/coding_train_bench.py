"""How long assisted coding takes to train on 5,000 coded comments, stage by stage.

    .venv/bin/python bench/coding_train_bench.py [--comments 5000] [--folds 5]
        [--solvers ridge,logistic] [--no-encoder] [--before DIR] [--kept N]

The comments are made from the coded set's train split (``tests/data/coding/``) as
``bench/coding_bench.py`` makes them: every text new, so no cache helps. Each training
runs in a fresh process with numerical libraries on one thread, and prints CPU-seconds
and wall-clock seconds for each stage: reading the comments (redaction, patterns and the
sentence encoder), the cross-validation fits, choosing the decision lines, and the final
fit with the rest. Start-up (loading the encoder) is timed apart and not counted.

``--kept N`` also times a retraining as the learning page does it: the vectors of all but
the ``N`` newest comments kept from an earlier training (``comment_vector``), so only
those are encoded.

``--before DIR`` times another checkout of Sayso in the same run, for a before/after
figure: e.g. ``git worktree add /tmp/before 0475a07`` and link its
``app/text/models`` to this one's (the encoder's files are not in git).
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402 - thread limits must be set before numpy loads
import inspect  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "coding" / "train.jsonl"
STAGES = ("reading", "cross-validation", "decision lines", "final fit and the rest")


class Clock:
    """CPU and wall seconds spent inside the wrapped functions of a module."""

    def __init__(self) -> None:
        self.spent: dict[str, list[float]] = {}

    def wrap(self, module: object, name: str, stage: str) -> None:
        function = getattr(module, name)

        def timed(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = self.spent.setdefault(stage, [0.0, 0.0])
                spent[0] += time.process_time() - cpu
                spent[1] += time.perf_counter() - wall

        setattr(module, name, timed)


def measure(
    root: Path, comments: int, folds: int, solver: str, encoder: bool, kept: int | None = None
) -> dict:
    """Train once with the code under ``root``; the figures as a dict (in a child).

    ``kept``: as the learning page retrains, with the vectors of all but ``kept`` of the
    comments kept from an earlier training (worked out first, not timed)."""
    sys.path.insert(0, str(root))
    from app.text.encoder import load_encoder
    from app.themes import classifier
    from app.themes.evaluation import read_labelled
    from bench.coding_bench import speed_rows

    rows = speed_rows(read_labelled(DATA), comments)
    started = time.process_time(), time.perf_counter()
    load_encoder()
    startup = time.process_time() - started[0], time.perf_counter() - started[1]
    memory = None
    if kept is not None:
        from app.text.vector_memory import VectorMemory, digest
        from app.themes.pipeline import ThemePipeline

        earlier = VectorMemory()
        pipeline = ThemePipeline(None, semantic=True, memory=earlier)
        prepared = [pipeline.prepare(c.text, c.language)[1] for c in rows]
        pipeline.embed(prepared)
        new = {digest(text) for text in prepared[:kept]}  # the newest reviews
        memory = VectorMemory({k: v for k, v in earlier.known.items() if k not in new})
    clock = Clock()
    clock.wrap(classifier, "analyse_for_model", "reading")
    clock.wrap(classifier, "_cross_validated", "cross-validation")
    clock.wrap(classifier, "choose_thresholds", "decision lines")
    options = {"folds": folds, "encoder": encoder}
    if "solver" in inspect.signature(classifier.train_model).parameters:
        options["solver"] = solver
    if memory is not None:
        options["memory"] = memory
    cpu, wall = time.process_time(), time.perf_counter()
    model = classifier.train_model(rows, **options)
    total = time.process_time() - cpu, time.perf_counter() - wall
    rest = [total[i] - sum(s[i] for s in clock.spent.values()) for i in (0, 1)]
    clock.spent["final fit and the rest"] = rest
    return {
        "startup": startup,
        "total": total,
        "stages": clock.spent,
        "bytes": len(model.to_bytes()),
        "cv_macro_f1": model.metrics["macro_f1"],
    }


def run_child(root: Path, args: argparse.Namespace, solver: str, kept: int | None = None) -> dict:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--measure",
        str(root),
        "--comments",
        str(args.comments),
        "--folds",
        str(args.folds),
        "--solvers",
        solver,
    ] + (["--no-encoder"] if args.no_encoder else [])
    if kept is not None:
        command += ["--kept", str(kept)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--solvers", default="ridge,logistic")
    parser.add_argument("--no-encoder", action="store_true")
    parser.add_argument("--before", type=Path, help="another checkout to time in the same run")
    parser.add_argument(
        "--kept",
        type=int,
        help="also time retraining with every vector kept but this many new ones",
    )
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        found = measure(
            args.measure, args.comments, args.folds, args.solvers, not args.no_encoder, args.kept
        )
        print(json.dumps(found))
        return
    runs = [(f"this checkout, {s}", ROOT, s, None) for s in args.solvers.split(",")]
    if args.before:
        runs.insert(0, (f"before ({args.before})", args.before.resolve(), "logistic", None))
    if args.kept is not None:
        for solver in args.solvers.split(","):
            name = f"this checkout, {solver}, retraining: vectors kept for all but {args.kept}"
            runs += [(name, ROOT, solver, args.kept)]
    what = "words only" if args.no_encoder else "with the encoder"
    print(f"Training on {args.comments} coded comments, {args.folds} folds, {what}")
    print("one thread each; CPU-seconds / wall-seconds; start-up apart")
    for name, root, solver, kept in runs:
        found = run_child(root, args, solver, kept)
        print(f"\n{name}")
        for stage in STAGES:
            cpu, wall = found["stages"].get(stage, (0.0, 0.0))
            print(f"  {stage:26} {cpu:7.1f} {wall:7.1f}")
        cpu, wall = found["total"]
        print(f"  {'total':26} {cpu:7.1f} {wall:7.1f}")
        print(
            f"  start-up, not counted: {found['startup'][0]:.1f} {found['startup'][1]:.1f}; "
            f"model {found['bytes']:,} bytes; cross-validated macro-F1 {found['cv_macro_f1']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
