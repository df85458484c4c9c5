"""Fixtures shared by the page tests: kana drawn the way a learner draws them."""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
import pytest

from kana_app.kana.strokes import VIEWBOX, stroke_points

# The CDK library's Node runtime prints a full-screen banner on Node 20, which
# still runs it; it buried the test output and says nothing about our code.
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

# The Write page's canvas, in CSS pixels.
CANVAS_SIZE = 300
# KanjiVG's box is scaled onto the canvas with this margin on every side.
MARGIN = 0.08

StrokesOnCanvas = Callable[[str], list[np.ndarray]]


def _strokes_on_canvas(char: str, size: float = CANVAS_SIZE) -> list[np.ndarray]:
    """Return ``char``'s KanjiVG strokes, in order, scaled onto a canvas."""
    scale = size * (1 - 2 * MARGIN) / VIEWBOX
    # float64: its scalars are Python floats, which Playwright's mouse takes.
    return [
        points.astype(np.float64) * scale + size * MARGIN
        for points in stroke_points(char, step=3.0)
    ]


def _canvas_json(strokes: list[np.ndarray]) -> dict:
    """Return strokes as the fabric.js JSON that the drawing canvas sends."""
    objects = []
    for points in strokes:
        head, *tail = (tuple(round(float(v), 2) for v in p) for p in points)
        path = [["M", *head]] + [["L", *p] for p in tail]
        objects.append(
            {"type": "Path", "path": path, "stroke": "#000000", "strokeWidth": 9}
        )
    return {"version": "7.0.0", "objects": objects}


@pytest.fixture
def strokes_on_canvas() -> StrokesOnCanvas:
    """Turn a kana into its reference strokes on the Write page's canvas."""
    return _strokes_on_canvas


@pytest.fixture
def drawing_of(strokes_on_canvas: StrokesOnCanvas) -> Callable[[str], dict]:
    """Turn a kana into the canvas JSON of a learner drawing it stroke by stroke."""
    return lambda char: _canvas_json(strokes_on_canvas(char))
