"""Build the training set: synthetic handwriting, printed kana and scribbles.

Every sample is pushed through ``kana_app.recognition.preprocess.prepare``, the
function the app runs at inference, and stored as the 48x48 model input.
Sample ``i`` depends only on (seed, i), so any number of worker processes
gives the same set.
"""

from __future__ import annotations

import logging
import multiprocessing
from dataclasses import dataclass

import numpy as np

from kana_app.kana.strokes import load_stroke_paths
from kana_app.recognition.preprocess import INPUT_SIZE, prepare
from kana_app.recognition.service import SMALL_TO_FULL
from training.fonts import TRAINING_FONTS, has_glyph, print_kana
from training.synth import ink_drawing, scribble, write_kana

logger = logging.getLogger(__name__)

REJECT = "<scribble>"
FULL_TO_SMALL = {full: small for small, full in SMALL_TO_FULL.items()}


def shape_classes() -> list[str]:
    """Return the model's classes: one per kana shape, then the scribble class."""
    kana = sorted(k for k in load_stroke_paths() if k not in SMALL_TO_FULL)
    return [*kana, REJECT]


@dataclass(frozen=True)
class Mix:
    """Where the samples of a kana class come from (shares add up to 1)."""

    strokes_as_image: float = 0.55
    strokes_as_points: float = 0.15
    fonts: float = 0.30


def make_sample(label: str, index: int, seed: int, mix: Mix = Mix()) -> np.ndarray:
    """Return sample ``index`` of class ``label`` as the model input (uint8 ink)."""
    rng = np.random.default_rng([seed, index])
    if label == REJECT:
        drawing = scribble(rng)
        if rng.random() < 0.7:
            drawing = ink_drawing(drawing, rng)
        return _model_input(drawing)

    source = rng.random()
    if source < mix.fonts:
        char = label
        if label in FULL_TO_SMALL and rng.random() < 0.25:
            char = FULL_TO_SMALL[label]
        fonts = [f for f in TRAINING_FONTS if has_glyph(f, char)]
        if fonts:
            font = fonts[int(rng.integers(len(fonts)))]
            return _model_input(print_kana(char, font, rng))

    strokes = write_kana(label, rng)
    if source < mix.fonts + mix.strokes_as_points:
        # Points in a random coordinate range, as a canvas or tablet sends them.
        scale = np.exp(rng.uniform(np.log(0.5), np.log(8)))
        return _model_input([s * scale for s in strokes])
    return _model_input(ink_drawing(strokes, rng))


def _model_input(drawing) -> np.ndarray:
    prepared = prepare(drawing)
    if prepared.image is None:
        return np.zeros((INPUT_SIZE, INPUT_SIZE), dtype=np.uint8)
    return 255 - np.asarray(prepared.image)


def plan_labels(per_class: int, reject_share: float, seed: int) -> np.ndarray:
    """Return the shuffled class index of every sample."""
    classes = shape_classes()
    counts = np.full(len(classes), per_class)
    counts[-1] = max(1, round(per_class * (len(classes) - 1) * reject_share))
    labels = np.repeat(np.arange(len(classes)), counts)
    np.random.default_rng(seed).shuffle(labels)
    return labels


def _make_chunk(args: tuple[np.ndarray, int, int]) -> np.ndarray:
    labels, start, seed = args
    classes = shape_classes()
    return np.stack(
        [make_sample(classes[c], start + i, seed) for i, c in enumerate(labels)]
    )


def build(
    labels: np.ndarray, seed: int, workers: int = 2, chunk: int = 256
) -> np.ndarray:
    """Synthesize every planned sample, in parallel; returns (n, 48, 48) uint8."""
    jobs = [(labels[i : i + chunk], i, seed) for i in range(0, len(labels), chunk)]
    if workers <= 1:
        return np.concatenate([_make_chunk(job) for job in jobs])
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        parts = []
        for done, part in enumerate(pool.imap(_make_chunk, jobs), 1):
            parts.append(part)
            if done % 50 == 0:
                logger.info("synthesized %d / %d", done * chunk, len(labels))
    return np.concatenate(parts)
