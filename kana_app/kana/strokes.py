"""Kana stroke paths from KanjiVG, as SVG path data and as sampled points.

The stroke data ships in ``data/kanjivg_kana.json`` (derived from KanjiVG,
CC BY-SA 3.0, see the README's credits); ``training/export_kanjivg.py``
regenerates it from the ``kanjivg`` package.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import numpy as np

DATA_FILE = Path(__file__).parent / "data" / "kanjivg_kana.json"
# KanjiVG draws every character in a 109 x 109 box.
VIEWBOX = 109.0

_TOKEN = re.compile(r"[MmLlHhVvCcSsZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Z": 0}


@functools.cache
def load_stroke_paths() -> dict[str, list[str]]:
    """Return every kana's strokes, in writing order, as SVG path strings."""
    with DATA_FILE.open(encoding="utf-8") as f:
        return json.load(f)["strokes"]


def stroke_paths(kana: str) -> list[str]:
    """Return the SVG path strings of one kana's strokes, in order."""
    paths = load_stroke_paths()
    if kana not in paths:
        raise ValueError(f"kana must be a single kana with stroke data, got {kana!r}")
    return paths[kana]


def stroke_points(kana: str, step: float = 2.0) -> list[np.ndarray]:
    """Return one kana's strokes as (n, 2) point arrays in KanjiVG's 109 box."""
    return [sample_path(d, step) for d in stroke_paths(kana)]


def sample_path(d: str, step: float = 2.0) -> np.ndarray:
    """Sample an SVG path at about ``step`` units apart, start to end."""
    segments = _cubic_segments(d)
    if not segments:
        raise ValueError(f"d has no drawable segment: {d!r}")
    points = [np.array(segments[0][0])]
    for segment in segments:
        p0, p1, p2, p3 = (np.array(p) for p in segment)
        length = (
            np.linalg.norm(p1 - p0) + np.linalg.norm(p2 - p1) + np.linalg.norm(p3 - p2)
        )
        n = max(2, int(np.ceil(length / step)) + 1)
        t = np.linspace(0.0, 1.0, n)[1:, None]
        if _is_line(segment):
            points.extend(p0 + t * (p3 - p0))
            continue
        curve = (
            (1 - t) ** 3 * p0
            + 3 * (1 - t) ** 2 * t * p1
            + 3 * (1 - t) * t**2 * p2
            + t**3 * p3
        )
        points.extend(curve)
    return np.array(points, dtype=np.float32)


def _is_line(segment: tuple[tuple[float, float], ...]) -> bool:
    """Say whether a cubic segment is a straight line written as one."""
    return segment[0] == segment[1] and segment[2] == segment[3]


def _cubic_segments(d: str) -> list[tuple[tuple[float, float], ...]]:
    """Turn path data into absolute cubic Bezier segments (lines included)."""
    tokens = _TOKEN.findall(d)
    segments: list[tuple[tuple[float, float], ...]] = []
    pos = start = (0.0, 0.0)
    last_ctrl: tuple[float, float] | None = None
    command = ""
    i = 0

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if pos != start:
                    segments.append((pos, pos, start, start))
                pos, last_ctrl = start, None
                continue
        upper = command.upper()
        if not command or upper == "Z":
            raise ValueError(f"d is not valid SVG path data: {d!r}")
        operands = tokens[i : i + _ARITY[upper]]
        if len(operands) < _ARITY[upper] or any(t.isalpha() for t in operands):
            raise ValueError(f"d is not valid SVG path data: {d!r}")
        args = [float(t) for t in operands]
        i += _ARITY[upper]
        rel = command.islower()
        ox, oy = pos if rel else (0.0, 0.0)

        if upper == "M":
            pos = start = (ox + args[0], oy + args[1])
            last_ctrl = None
            # Further pairs after a moveto are implicit linetos.
            command = "l" if rel else "L"
            continue
        if upper in "LHV":
            if upper == "H":
                end = (args[0] + (pos[0] if rel else 0.0), pos[1])
            elif upper == "V":
                end = (pos[0], args[0] + (pos[1] if rel else 0.0))
            else:
                end = (ox + args[0], oy + args[1])
            segments.append((pos, pos, end, end))
            pos, last_ctrl = end, None
            continue
        if upper == "C":
            c1 = (ox + args[0], oy + args[1])
            c2, end = (ox + args[2], oy + args[3]), (ox + args[4], oy + args[5])
        else:  # S: the first control point mirrors the previous one.
            c1 = pos if last_ctrl is None else (
                2 * pos[0] - last_ctrl[0], 2 * pos[1] - last_ctrl[1]
            )
            c2, end = (ox + args[0], oy + args[1]), (ox + args[2], oy + args[3])
        segments.append((pos, c1, c2, end))
        pos, last_ctrl = end, c2

    return segments
