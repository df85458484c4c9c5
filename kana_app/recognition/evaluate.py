"""Measure the recognizer on a folder of labelled drawings.

    python -m kana_app.recognition.evaluate DIR [--script hiragana|katakana|any]
                                                [--backend cnn|manga-ocr]

``DIR/labels.csv`` has the columns ``file,char`` (others are ignored). Each
file is an image (PNG or JPEG) or a JSON list of strokes, each stroke a list
of ``[x, y]`` points in any coordinate range, y down. The last line printed is
``top1=<fraction> n=<count> ms_per_image=<median ms>``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from kana_app.config import BACKENDS
from kana_app.kana.tables import SCRIPTS, script_of
from kana_app.recognition.service import (
    Drawing,
    get_backend,
    recognizable_kana,
    recognize,
    warm_up,
)

LABELS_FILE = "labels.csv"
# "own": each sample among the kana of its label's script, as the Write page asks.
SCRIPT_CHOICES = ("own", *SCRIPTS, "any")
NOT_KANA = "(not a kana)"
SHOWN_ROWS = 10


class EvaluationError(Exception):
    """A folder that cannot be evaluated, with what to do about it."""


@dataclass(frozen=True)
class Sample:
    """One labelled drawing."""

    file: str
    char: str
    drawing: Drawing


@dataclass
class Report:
    """What the recognizer read for each sample, and how long it took."""

    labels: list[str] = field(default_factory=list)
    readings: list[str] = field(default_factory=list)  # best guess or NOT_KANA
    milliseconds: list[float] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.labels)

    @property
    def top1(self) -> float:
        right = sum(a == b for a, b in zip(self.labels, self.readings, strict=True))
        return right / self.count if self.count else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.milliseconds) if self.milliseconds else 0.0

    def class_accuracy(self) -> dict[str, tuple[int, int]]:
        """Return each label's (right, total)."""
        totals = Counter(self.labels)
        right = Counter(
            a for a, b in zip(self.labels, self.readings, strict=True) if a == b
        )
        return {char: (right[char], total) for char, total in totals.items()}

    def confusions(self) -> Counter[tuple[str, str]]:
        """Count each (drawn, read) pair that was wrong."""
        return Counter(
            (a, b) for a, b in zip(self.labels, self.readings, strict=True) if a != b
        )


def load_samples(folder: Path) -> tuple[list[Sample], list[str]]:
    """Read ``folder/labels.csv`` and its files; return the samples and problems."""
    if not folder.exists():
        raise EvaluationError(f"Folder {folder} does not exist.")
    if not folder.is_dir():
        raise EvaluationError(
            f"{folder} is a file: give the folder that holds {LABELS_FILE}."
        )
    labels_path = folder / LABELS_FILE
    if labels_path.exists() and not labels_path.is_file():
        raise EvaluationError(f"{labels_path} is not a file.")
    if not labels_path.is_file():
        raise EvaluationError(
            f"{labels_path} is missing: put a {LABELS_FILE} with the columns "
            "file,char in the folder."
        )

    try:
        rows = _read_rows(labels_path)
    except UnicodeDecodeError as error:
        raise EvaluationError(
            f"{labels_path} is not UTF-8 text (byte {error.start}): save it as "
            "UTF-8 CSV."
        ) from None
    except csv.Error as error:
        raise EvaluationError(
            f"{labels_path} is not a readable CSV: {error}."
        ) from None

    samples: list[Sample] = []
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        name, char = (row.get("file") or "").strip(), (row.get("char") or "").strip()
        if not name or not char:
            problems.append(f"{LABELS_FILE} line {line}: file or char is empty")
            continue
        try:
            drawing = read_drawing(folder / name)
        except (OSError, ValueError) as error:
            problems.append(f"{name}: {error}")
            continue
        samples.append(Sample(name, char, drawing))
    return samples, problems


def _read_rows(labels_path: Path) -> list[dict[str, str]]:
    with labels_path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        columns = [name.strip() for name in reader.fieldnames or ()]
        if "file" not in columns or "char" not in columns:
            raise EvaluationError(
                f"{labels_path} needs the columns file and char in its first "
                f"line, found {columns}."
            )
        reader.fieldnames = columns
        return list(reader)


def read_drawing(path: Path) -> Drawing:
    """Return the image or the strokes stored in ``path``."""
    if not path.is_file():
        raise ValueError("no such file")
    if path.suffix.lower() == ".json":
        return _read_strokes(path)

    try:
        with Image.open(path) as image:
            image.load()
            return image.copy()
    except UnidentifiedImageError:
        raise ValueError("not an image (PNG or JPEG) nor a .json stroke file") from None


def _read_strokes(path: Path) -> list[np.ndarray]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not valid JSON ({error})") from None

    shape = "a list of strokes, each a list of [x, y] points"
    if not isinstance(data, list) or not data:
        raise ValueError(f"expected {shape}")
    strokes = []
    for stroke in data:
        try:
            points = np.asarray(stroke, dtype=np.float32)
        except (TypeError, ValueError):
            raise ValueError(f"expected {shape}") from None
        if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
            raise ValueError(f"expected {shape}")
        if not np.isfinite(points).all():
            raise ValueError("a point is not a finite number")
        strokes.append(points)
    return strokes


def evaluate(
    samples: Iterable[Sample], script: str = "own"
) -> tuple[Report, list[str]]:
    """Recognize every sample with this process's backend; return the report.

    Each sample is recognized among the kana ``script`` allows.

    Samples whose label the recognizer cannot output, or that lie outside a
    named script, are left out and listed as problems.
    """
    if script not in SCRIPT_CHOICES:
        raise ValueError(f"script must be one of {SCRIPT_CHOICES}, got {script!r}")
    known = recognizable_kana()
    by_script = {
        name: frozenset(k for k in known if _script(k) == name) for name in SCRIPTS
    }
    warm_up()

    report, problems = Report(), []
    for sample in samples:
        label_script = _script(sample.char)
        if sample.char not in known or label_script is None:
            problems.append(
                f"{sample.file}: the recognizer has no class {sample.char!r}"
            )
            continue
        if script in SCRIPTS and label_script != script:
            problems.append(f"{sample.file}: {sample.char} is not {script}")
            continue
        allowed = None if script == "any" else by_script[label_script]

        started = time.perf_counter()
        result = recognize(sample.drawing, allowed)
        report.milliseconds.append((time.perf_counter() - started) * 1000)

        report.labels.append(sample.char)
        report.readings.append(result.guesses[0].kana if result.is_kana else NOT_KANA)
    return report, problems


def format_report(report: Report, shown: int = SHOWN_ROWS) -> list[str]:
    """Return the worst classes, the top confusions and the summary line."""
    lines = ["Worst classes (right/total):"]
    accuracy = report.class_accuracy()
    worst = sorted(accuracy, key=lambda c: (accuracy[c][0] / accuracy[c][1], c))
    for char in worst[:shown]:
        right, total = accuracy[char]
        lines.append(f"  {char}  {right}/{total}  {right / total:.1%}")

    confusions = report.confusions().most_common(shown)
    lines.append("Top confusions (drawn -> read: count):")
    lines.extend(f"  {drawn} -> {read}: {n}" for (drawn, read), n in confusions)
    if not confusions:
        lines.append("  none")

    lines.append(
        f"top1={report.top1:.4f} n={report.count} ms_per_image={report.median_ms:.3f}"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kana_app.recognition.evaluate",
        description="Measure the kana recognizer on a folder with a labels.csv.",
    )
    parser.add_argument("folder", type=Path, help="folder holding labels.csv")
    parser.add_argument(
        "--script",
        choices=SCRIPT_CHOICES,
        default="own",
        help="kana each sample is recognized among (default: its label's script)",
    )
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        help="recognizer to use (default: KANA_RECOGNIZER, else cnn)",
    )
    args = parser.parse_args(argv)

    if args.backend:
        # The service picks its backend from the environment, once per process.
        os.environ["KANA_RECOGNIZER"] = args.backend
    try:
        samples, problems = load_samples(args.folder)
        backend = get_backend()
        report, skipped = evaluate(samples, args.script)
    except (EvaluationError, OSError, ImportError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    for problem in problems + skipped:
        print(f"skipped {problem}", file=sys.stderr)
    if not report.count:
        print(f"error: no sample in {args.folder} could be evaluated", file=sys.stderr)
        return 1

    print(
        f"{report.count} samples from {args.folder}, recognizer {backend.name}, "
        f"script {args.script}"
    )
    print("\n".join(format_report(report)))
    return 0


def _script(char: str) -> str | None:
    try:
        return script_of(char)
    except ValueError:
        return None


if __name__ == "__main__":
    sys.exit(main())
