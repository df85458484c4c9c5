"""The recognizer's accuracy, speed, size and memory, beside the Zinnia engine.

Every figure is measured in this run. Accuracy comes from the held-out sets
that ``python -m training.heldout`` writes (drawings not made by the training
generator), each sample among the kana of its label's script, as on the Write
page. Zinnia reads strokes only, so it is scored on the stroke samples of the
kana its Japanese model covers.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from benchmarks import zinnia_peer
from kana_app.config import MODEL_DIR
from kana_app.kana.tables import get_kana, script_of
from kana_app.recognition import evaluate
from kana_app.recognition.cnn import LABELS_FILE, MODEL_FILE
from kana_app.recognition.service import get_backend, recognizable_kana, recognize

ROOT = Path(__file__).resolve().parents[1]
TARGET_MEDIAN_MS = 1.0
TARGET_MODEL_MB = 2.0
TARGET_RSS_MB = 150.0
HELDOUT_TIMEOUT_S = 1800
MODEL_FILES = (MODEL_FILE, LABELS_FILE)
SHOWN = 8

# Each probe runs in a fresh interpreter, so its memory is the recognizer's
# alone, and ends by printing its timings and memory.
_PROBE_REPORT = """
status = dict(
    line.split(":", 1) for line in open("/proc/self/status") if ":" in line
)
print(json.dumps({
    "import_s": imported - started,
    "load_s": loaded - imported,
    "warm_s": warmed - loaded,
    "rss_kb": int(status["VmRSS"].split()[0]),
    "peak_kb": int(status["VmHWM"].split()[0]),
}))
"""
_CNN_PROBE = """
import json, time
started = time.perf_counter()
from kana_app.recognition import get_backend, warm_up
imported = time.perf_counter()
get_backend()
loaded = time.perf_counter()
warm_up()
warmed = time.perf_counter()
""" + _PROBE_REPORT
_ZINNIA_PROBE = """
import json, time
started = time.perf_counter()
from benchmarks.zinnia_peer import ZinniaRecognizer
from kana_app.kana.strokes import stroke_points
imported = time.perf_counter()
recognizer = ZinniaRecognizer()
loaded = time.perf_counter()
recognizer.rank(stroke_points("あ"))
warmed = time.perf_counter()
""" + _PROBE_REPORT


@dataclass
class PeerScore:
    """Both recognizers on the same stroke samples, among the same kana."""

    right_cnn: int = 0
    right_zinnia: int = 0
    count: int = 0


def run() -> None:
    with tempfile.TemporaryDirectory(prefix="kana-heldout-") as tmp:
        sets = _heldout_sets(Path(tmp))
        backend = get_backend()
        print(f"Recognizer: {backend.name}, {len(recognizable_kana(backend))} kana")

        reports, samples_by_set = {}, {}
        for name, folder in sets.items():
            samples, problems = evaluate.load_samples(folder)
            report, skipped = evaluate.evaluate(samples, "own")
            left_out = problems + skipped
            if left_out:
                print(f"  {name}: left out {len(left_out)}, e.g. {left_out[0]}")
            reports[name], samples_by_set[name] = report, samples

    _print_accuracy(reports)
    timings = [ms for report in reports.values() for ms in report.milliseconds]
    cnn_probe = _probe(_CNN_PROBE)
    zinnia = _zinnia_figures(samples_by_set)
    _print_figures(timings, cnn_probe, zinnia)


def _heldout_sets(out: Path) -> dict[str, Path]:
    """Write the held-out sets into ``out``; return each set's folder by name."""
    started = time.perf_counter()
    written = subprocess.run(
        [sys.executable, "-m", "training.heldout", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HELDOUT_TIMEOUT_S,
        check=False,
    )
    if written.returncode != 0:
        raise RuntimeError(f"training.heldout failed:\n{written.stderr[-2000:]}")
    print(f"Held-out sets written in {time.perf_counter() - started:.0f} s")

    return {
        folder.name: folder
        for folder in sorted(out.iterdir())
        if (folder / evaluate.LABELS_FILE).is_file()
    }


def _print_accuracy(reports: dict[str, evaluate.Report]) -> None:
    print("\nTop-1 accuracy on held-out sets (script known):")
    for name, report in reports.items():
        print(f"  {name:<22} {report.top1:7.2%}  n={report.count}")

    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    merged = evaluate.Report()
    for report in reports.values():
        merged.labels += report.labels
        merged.readings += report.readings
        merged.milliseconds += report.milliseconds
        for label, reading in zip(report.labels, report.readings, strict=True):
            group = f"{script_of(label)}/{get_kana(label).group}"
            total[group] += 1
            right[group] += label == reading

    print("By kana group (all sets):")
    for group in sorted(total, key=lambda g: right[g] / total[g]):
        print(f"  {group:<22} {right[group] / total[group]:7.2%}  n={total[group]}")
    print(f"All sets: {merged.top1:.2%} n={merged.count}")
    print("\n".join(evaluate.format_report(merged, SHOWN)[:-1]))


def _probe(code: str) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter; return the JSON it prints last."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"Measuring process failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _zinnia_figures(samples_by_set: dict[str, list[evaluate.Sample]]) -> dict | None:
    """Score Zinnia and the recognizer on the stroke samples Zinnia covers."""
    try:
        zinnia = zinnia_peer.ZinniaRecognizer()
    except zinnia_peer.ZinniaMissing as error:
        print(f"\nPeer: {error}")
        return None

    known = recognizable_kana()
    covered = zinnia.classes & known
    print(
        f"\nPeer: Zinnia with {zinnia.model_path.name}, which covers {len(covered)} "
        "of the kana: " + "".join(sorted(covered))
    )
    print("Same stroke samples, both choosing among Zinnia's kana of the script:")

    scores: dict[str, PeerScore] = {}
    timings: list[float] = []
    for name, samples in samples_by_set.items():
        score = scores.setdefault(name, PeerScore())
        for sample in samples:
            if sample.char not in covered or isinstance(sample.drawing, Image.Image):
                continue
            script = script_of(sample.char)
            allowed = frozenset(k for k in covered if script_of(k) == script)

            started = time.perf_counter()
            ranked = zinnia.rank(sample.drawing, allowed)
            timings.append((time.perf_counter() - started) * 1000)
            result = recognize(sample.drawing, allowed)

            score.count += 1
            score.right_zinnia += bool(ranked) and ranked[0][0] == sample.char
            score.right_cnn += result.is_kana and result.guesses[0].kana == sample.char
    zinnia.close()

    for name, score in scores.items():
        if score.count:
            print(
                f"  {name:<22} recognizer {score.right_cnn / score.count:7.2%}   "
                f"zinnia {score.right_zinnia / score.count:7.2%}  n={score.count}"
            )
        else:
            print(f"  {name:<22} n/a (images only, or no kana Zinnia covers)")

    return {
        "timings": timings,
        "probe": _probe(_ZINNIA_PROBE),
        "size": zinnia.model_path.stat().st_size,
    }


def _print_figures(
    timings: list[float], cnn_probe: dict[str, float], zinnia: dict | None
) -> None:
    model_bytes = sum((MODEL_DIR / name).stat().st_size for name in MODEL_FILES)
    rows = [
        (
            "median ms (prep.+model, 1 thread)",
            _median(timings),
            _median(zinnia["timings"]) if zinnia else None,
            f"<= {TARGET_MEDIAN_MS:g}",
        ),
        (
            "p99 ms",
            _p99(timings),
            _p99(zinnia["timings"]) if zinnia else None,
            "",
        ),
        (
            "model files MB",
            model_bytes / 1e6,
            zinnia["size"] / 1e6 if zinnia else None,
            f"<= {TARGET_MODEL_MB:g}",
        ),
        (
            "RSS MB after load+warm",
            cnn_probe["rss_kb"] / 1024,
            zinnia["probe"]["rss_kb"] / 1024 if zinnia else None,
            f"<= {TARGET_RSS_MB:g}",
        ),
        (
            "peak RSS MB",
            cnn_probe["peak_kb"] / 1024,
            zinnia["probe"]["peak_kb"] / 1024 if zinnia else None,
            "",
        ),
        (
            "import s",
            cnn_probe["import_s"],
            zinnia["probe"]["import_s"] if zinnia else None,
            "",
        ),
        (
            "start-up ms (load+warm)",
            (cnn_probe["load_s"] + cnn_probe["warm_s"]) * 1000,
            (zinnia["probe"]["load_s"] + zinnia["probe"]["warm_s"]) * 1000
            if zinnia
            else None,
            "",
        ),
    ]

    print(f"\n{'figure':<36}{'recognizer':>12}{'zinnia':>12}   target")
    for label, ours, peer, target in rows:
        peer_text = f"{peer:12.2f}" if peer is not None else f"{'n/a':>12}"
        print(f"{label:<36}{ours:12.2f}{peer_text}   {target}")
    # NOTE: latency is wall time on a possibly shared machine; the load
    # average says how much other work competed with it.
    print(
        f"(recognizer latency over {len(timings)} drawings, Zinnia's over "
        f"{len(zinnia['timings']) if zinnia else 0} stroke samples; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p99(values: list[float]) -> float:
    return float(np.percentile(values, 99)) if values else float("nan")
