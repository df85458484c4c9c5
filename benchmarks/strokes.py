"""Stroke-order checking: false alarms on good writing, faults named correctly.

Every kana's KanjiVG strokes are distorted the way hands distort them (the
whole kana scaled, sheared and turned a little, each stroke moved, wobbled and
cut short or long, points uneven and noisy) and placed on a canvas-sized
grid. Correctly ordered drawings must give no note; drawings with one stroke
reversed, two strokes swapped or two consecutive strokes joined must get
exactly the note naming that fault. Faults that ``VARIANTS`` accepts (a
dakuten as one mark, ...) and direction on dots are left out: they are not
faults.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter

import numpy as np

from kana_app.kana.stroke_order import (
    compare_strokes,
    is_direction_checked,
    variants_for,
)
from kana_app.kana.strokes import load_stroke_paths, stroke_points

SEED = 20240605
DRAWINGS_PER_KANA = 8
# The canvas the Write page shows is about 280 px; KanjiVG's box is 109.
CANVAS_SCALE = 2.6
FAULT_KINDS = ("reversed", "swapped", "merged")
EXPECTED_NOTE = {"reversed": "direction", "swapped": "order", "merged": "merge"}


def jitter_strokes(strokes: list[np.ndarray], rng: random.Random) -> list[np.ndarray]:
    """Distort reference strokes like a careful but human hand, in canvas pixels."""
    angle = math.radians(rng.uniform(-6, 6))
    shear = rng.uniform(-0.08, 0.08)
    scale = rng.uniform(0.8, 1.2)
    aspect = rng.uniform(0.9, 1.1)
    whole = np.array(
        [[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]]
    ) @ np.array([[scale * aspect, shear], [0.0, scale / aspect]])

    jittered = []
    for points in strokes:
        points = _trim(points, rng)
        centre = points.mean(axis=0)
        size = rng.uniform(0.9, 1.1)
        shift = np.array([rng.gauss(0, 2.5), rng.gauss(0, 2.5)])
        points = (points - centre) * size + centre + shift + _wobble(points, rng)
        points = (points - 54.5) @ whole.T + 54.5
        points = _uneven(points, rng)
        noise = [(rng.gauss(0, 0.4), rng.gauss(0, 0.4)) for _ in points]
        points = points + np.array(noise).reshape(-1, 2)
        jittered.append(points * CANVAS_SCALE + 20.0)
    return jittered


def make_fault(
    kana: str, kind: str, rng: random.Random
) -> tuple[list[np.ndarray], int] | None:
    """Draw a kana with one fault; return the strokes and the stroke to be named."""
    strokes = jitter_strokes(stroke_points(kana), rng)
    n = len(strokes)
    variants = variants_for(kana)

    if kind == "reversed":
        choices = [i for i in range(n) if is_direction_checked(kana, i + 1)]
        if not choices:
            return None
        i = rng.choice(choices)
        strokes[i] = strokes[i][::-1]
        return strokes, i + 1
    if kind == "swapped":
        pairs = [
            (i, j)
            for i in range(n)
            for j in range(i + 1, n)
            if (i + 1, j + 1) not in variants.free_order
        ]
        if not pairs:
            return None
        i, j = rng.choice(pairs)
        strokes[i], strokes[j] = strokes[j], strokes[i]
        return strokes, i + 1
    choices = [i for i in range(n - 1) if i + 1 not in variants.joins]
    if not choices:
        return None
    i = rng.choice(choices)
    strokes[i : i + 2] = [np.concatenate([strokes[i], strokes[i + 1]])]
    return strokes, i + 1


def measure(drawings_per_kana: int = DRAWINGS_PER_KANA, seed: int = SEED) -> dict:
    """Return false alarms on good drawings and faults named, per kind."""
    rng = random.Random(seed)
    kana_list = sorted(load_stroke_paths())
    good = false_alarms = 0
    alarm_kinds: Counter[str] = Counter()
    named: Counter[str] = Counter()
    tried: Counter[str] = Counter()

    for kana in kana_list:
        for _ in range(drawings_per_kana):
            report = compare_strokes(jitter_strokes(stroke_points(kana), rng), kana)
            good += 1
            if not report.ok:
                false_alarms += 1
                alarm_kinds.update(note.kind for note in report.notes)
            for kind in FAULT_KINDS:
                fault = make_fault(kana, kind, rng)
                if fault is None:
                    continue
                strokes, stroke = fault
                notes = compare_strokes(strokes, kana).notes
                tried[kind] += 1
                if (
                    len(notes) == 1
                    and notes[0].kind == EXPECTED_NOTE[kind]
                    and notes[0].stroke == stroke
                ):
                    named[kind] += 1

    return {
        "good": good,
        "false_alarms": false_alarms,
        "alarm_kinds": dict(alarm_kinds),
        "tried": dict(tried),
        "named": dict(named),
    }


def run() -> None:
    """Print the stroke-order figures."""
    start = time.perf_counter()
    result = measure()
    seconds = time.perf_counter() - start

    good, alarms = result["good"], result["false_alarms"]
    tried, named = result["tried"], result["named"]
    total_tried, total_named = sum(tried.values()), sum(named.values())
    print(
        f"stroke order: false alarms {alarms / good:.1%} ({alarms}/{good} "
        "correctly ordered drawings)"
    )
    print(
        f"stroke order: faults named {total_named / total_tried:.1%} "
        f"({total_named}/{total_tried})"
    )
    for kind in FAULT_KINDS:
        print(
            f"  {kind}: {named.get(kind, 0) / tried[kind]:.1%} "
            f"({named.get(kind, 0)}/{tried[kind]})"
        )
    if result["alarm_kinds"]:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(result["alarm_kinds"].items()))
        print(f"  false alarm notes: {kinds}")
    print(f"  ({seconds:.1f} s, seed {SEED}, {DRAWINGS_PER_KANA} drawings per kana)")


def _trim(points: np.ndarray, rng: random.Random) -> np.ndarray:
    """Start or stop the stroke a little early or late."""
    n = len(points)
    if n < 6:
        return points
    start = int(n * rng.uniform(0, 0.08))
    end = n - int(n * rng.uniform(0, 0.08))
    points = points[start:end]
    if rng.random() < 0.5:
        tail = points[-1] + (points[-1] - points[-2]) * rng.uniform(0, 2)
        points = np.vstack([points, tail])
    return points


def _wobble(points: np.ndarray, rng: random.Random) -> np.ndarray:
    """A slow sideways drift along the stroke, as an unsteady hand makes."""
    t = np.linspace(0, 1, len(points))[:, None]
    wobble = np.zeros((len(points), 2))
    for _ in range(2):
        amplitude = np.array([rng.gauss(0, 1.0), rng.gauss(0, 1.0)])
        cycles, phase = rng.uniform(0.3, 1.5), rng.random()
        wobble += amplitude * np.sin(2 * math.pi * (cycles * t + phase))
    return wobble


def _uneven(points: np.ndarray, rng: random.Random) -> np.ndarray:
    """Keep points at uneven spacing, as a pointer's events arrive."""
    if len(points) < 4:
        return points
    keep = [0] + [i for i in range(1, len(points) - 1) if rng.random() < 0.6]
    return points[keep + [len(points) - 1]]
