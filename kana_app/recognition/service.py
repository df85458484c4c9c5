"""Recognize a drawn kana: one backend per process, ranked over the allowed kana."""

from __future__ import annotations

import functools
import logging
import math
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from kana_app.config import load_settings
from kana_app.recognition.backend import Backend, Guess
from kana_app.recognition.preprocess import prepare

logger = logging.getLogger(__name__)

# An image in any size, or strokes as point lists (x, y), y down.
Drawing = Image.Image | np.ndarray | Sequence[Sequence[tuple[float, float]]]

NOT_KANA_REASONS = ("empty", "too_small", "scribble")

# Ink whose longer side is under this share of the canvas is a dot, not a kana.
TOO_SMALL_EXTENT = 0.1
# Below this total probability on the allowed kana the drawing is a scribble.
MIN_KANA_PROBABILITY = 0.15

# NOTE: a small kana has the shape of its full-size twin, so the model learns
# one class per shape and size decides: on a canvas that holds one character,
# ink whose size (the geometric mean of its box's sides) is under SMALL_SIZE
# of the canvas reads as the small kana. Learners draw a full-size kana from
# about 40% of the box upwards and a small one at a third or less; the mean
# keeps a flat small っ, wide but low, from passing for a full-size つ. The
# split is soft (SMALL_SOFTNESS) so the other twin stays the runner-up.
# Strokes without a canvas size carry no size, and then the full-size kana
# comes first with NO_SIZE_SMALL_SHARE of the probability left to its twin.
SMALL_SIZE = 0.37
SMALL_SOFTNESS = 0.03
NO_SIZE_SMALL_SHARE = 0.3
SMALL_TO_FULL = dict(
    zip(
        "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ",
        "あいうえおつやゆよわかけアイウエオツヤユヨワカケ",
        strict=True,
    )
)
FULL_TO_SMALL = {full: small for small, full in SMALL_TO_FULL.items()}


@dataclass(frozen=True)
class Recognition:
    """What a drawing was recognized as."""

    guesses: tuple[Guess, ...]  # best first, only allowed kana; empty if not a kana
    is_kana: bool
    reason: str | None  # None, or one of NOT_KANA_REASONS


_backend: Backend | None = None
_backend_lock = threading.Lock()


def get_backend() -> Backend:
    """Return this process's backend, loading it on first use (KANA_RECOGNIZER)."""
    global _backend
    if _backend is None:
        with _backend_lock:
            if _backend is None:
                _backend = _load_backend()
    return _backend


def _load_backend() -> Backend:
    settings = load_settings()
    started = time.perf_counter()
    if settings.backend == "manga-ocr":
        # Imported here: that backend needs torch and transformers, which the
        # default install does not have.
        from kana_app.recognition.manga_ocr import MangaOcrBackend

        backend: Backend = MangaOcrBackend(settings.manga_ocr_dir)
    else:
        from kana_app.recognition.cnn import CnnBackend

        backend = CnnBackend()
    logger.info(
        "Recognizer %r ready in %.0f ms",
        backend.name,
        (time.perf_counter() - started) * 1000,
    )
    return backend


def warm_up() -> None:
    """Load the backend and run one recognition, so the first learner waits less."""
    strokes = [[(10.0, 30.0), (90.0, 30.0)], [(50.0, 10.0), (45.0, 95.0)]]
    recognize(strokes, canvas_size=(100, 100))


def recognize(
    drawing: Drawing,
    allowed: Iterable[str] | None = None,
    *,
    canvas_size: tuple[int, int] | None = None,
    top_k: int = 5,
) -> Recognition:
    """Recognize one drawn kana among ``allowed`` (every kana the backend knows).

    For an image, the canvas is the image; for strokes, ``canvas_size`` (width,
    height in the strokes' units) tells a dot and a small kana by their size.
    """
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, got {top_k}")
    backend = get_backend()
    wanted = _resolve_allowed(backend, allowed)

    prepared = prepare(drawing, canvas_size)
    if prepared.image is None:
        return Recognition((), False, "empty")
    if prepared.extent is not None and prepared.extent < TOO_SMALL_EXTENT:
        return Recognition((), False, "too_small")

    # The backend sees both twins of every allowed small kana; size splits them.
    shapes = frozenset(wanted | {SMALL_TO_FULL.get(k, k) for k in wanted})
    guesses = backend.rank(prepared.image, shapes & backend.classes)
    scores = _split_small(guesses, wanted, prepared.size)

    total = sum(scores.values())
    if total < MIN_KANA_PROBABILITY:
        logger.debug("Scribble: %.3f on the allowed kana", total)
        return Recognition((), False, "scribble")
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:top_k]
    return Recognition(
        tuple(Guess(kana, score / total) for kana, score in ranked), True, None
    )


def recognizable_kana(backend: Backend | None = None) -> frozenset[str]:
    """Return every kana ``backend`` (this process's by default) can recognize."""
    return _with_small_twins((backend or get_backend()).classes)


@functools.lru_cache(maxsize=8)
def _with_small_twins(classes: frozenset[str]) -> frozenset[str]:
    return classes | {FULL_TO_SMALL[k] for k in classes if k in FULL_TO_SMALL}


def _resolve_allowed(backend: Backend, allowed: Iterable[str] | None) -> set[str]:
    known = recognizable_kana(backend)
    if allowed is None:
        return set(known)
    if isinstance(allowed, str):
        raise ValueError(
            f"allowed must be a collection of kana, got the string {allowed!r}"
        )
    wanted = set(allowed) & known
    if not wanted:
        raise ValueError(
            f"allowed must hold at least one kana the {backend.name!r} recognizer "
            f"knows, got {sorted(set(allowed))[:10]!r}"
        )
    return wanted


def _split_small(
    guesses: list[Guess], wanted: set[str], size: float | None
) -> dict[str, float]:
    """Merge each small/full pair, then share the pair's probability by size."""
    if size is None:
        small_share = NO_SIZE_SMALL_SHARE
    else:
        small_share = 1 / (1 + math.exp((size - SMALL_SIZE) / SMALL_SOFTNESS))

    scores: dict[str, float] = {}
    for guess in guesses:
        full = SMALL_TO_FULL.get(guess.kana, guess.kana)
        small = FULL_TO_SMALL.get(full)
        if small is None:
            if guess.kana in wanted:
                scores[guess.kana] = scores.get(guess.kana, 0.0) + guess.probability
            continue
        pair = [k for k in (full, small) if k in wanted]
        for kana in pair:
            share = (
                1.0
                if len(pair) == 1
                else small_share
                if kana == small
                else 1 - small_share
            )
            scores[kana] = scores.get(kana, 0.0) + guess.probability * share
    return scores
