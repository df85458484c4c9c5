"""The Zinnia handwriting engine with its Japanese model, driven through ctypes.

Zinnia is the peer the recognizer is measured against: an SVM over stroke
features that reads pen trajectories, not images. It is never training data.
Debian packages: zinnia-utils, tegaki-zinnia-japanese, libzinnia-dev.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MODEL_PATH = Path("/usr/share/tegaki/models/zinnia/handwriting-ja.model")
INSTALL_HINT = "apt-get install zinnia-utils tegaki-zinnia-japanese libzinnia-dev"
# Zinnia works on integer coordinates; strokes are scaled into this square.
CANVAS = 300
# Zinnia ranks its whole vocabulary (kanji included); enough candidates are
# asked for that a kana restricted to its script is rarely left out.
NBEST = 200
_MARGIN = 0.1


class ZinniaMissing(Exception):
    """The library or its Japanese model is not installed."""


def _load_library() -> ctypes.CDLL:
    name = ctypes.util.find_library("zinnia")
    if name is None or not MODEL_PATH.is_file():
        raise ZinniaMissing(f"Zinnia is not installed; to compare, run: {INSTALL_HINT}")
    lib = ctypes.CDLL(name)

    pointer, size, text = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p
    signatures = {
        "zinnia_recognizer_new": (pointer, []),
        "zinnia_recognizer_open": (ctypes.c_int, [pointer, text]),
        "zinnia_recognizer_strerror": (text, [pointer]),
        "zinnia_recognizer_size": (size, [pointer]),
        "zinnia_recognizer_value": (text, [pointer, size]),
        "zinnia_recognizer_classify": (pointer, [pointer, pointer, size]),
        "zinnia_recognizer_destroy": (None, [pointer]),
        "zinnia_character_new": (pointer, []),
        "zinnia_character_clear": (None, [pointer]),
        "zinnia_character_set_width": (None, [pointer, size]),
        "zinnia_character_set_height": (None, [pointer, size]),
        "zinnia_character_add": (
            ctypes.c_int,
            [pointer, size, ctypes.c_int, ctypes.c_int],
        ),
        "zinnia_character_destroy": (None, [pointer]),
        "zinnia_result_size": (size, [pointer]),
        "zinnia_result_value": (text, [pointer, size]),
        "zinnia_result_score": (ctypes.c_float, [pointer, size]),
        "zinnia_result_destroy": (None, [pointer]),
    }
    for function, (restype, argtypes) in signatures.items():
        getattr(lib, function).restype = restype
        getattr(lib, function).argtypes = argtypes
    return lib


class ZinniaRecognizer:
    """Classify strokes with Zinnia, among the allowed characters."""

    name = "zinnia"

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self._lib = _load_library()
        self.model_path = model_path
        self._recognizer = self._lib.zinnia_recognizer_new()
        if not self._lib.zinnia_recognizer_open(
            self._recognizer, str(model_path).encode()
        ):
            error = self._lib.zinnia_recognizer_strerror(self._recognizer)
            raise ZinniaMissing(f"Zinnia could not open {model_path}: {error!r}")
        self._character = self._lib.zinnia_character_new()
        self._lib.zinnia_character_set_width(self._character, CANVAS)
        self._lib.zinnia_character_set_height(self._character, CANVAS)

        count = self._lib.zinnia_recognizer_size(self._recognizer)
        self.classes = frozenset(
            self._lib.zinnia_recognizer_value(self._recognizer, i).decode("utf-8")
            for i in range(count)
        )

    def rank(
        self, strokes: Sequence[np.ndarray], allowed: frozenset[str] | None = None
    ) -> list[tuple[str, float]]:
        """Return (character, score) best first, only ``allowed`` ones if given."""
        lib, character = self._lib, self._character
        lib.zinnia_character_clear(character)
        lib.zinnia_character_set_width(character, CANVAS)
        lib.zinnia_character_set_height(character, CANVAS)
        for stroke_id, stroke in enumerate(_fit_to_canvas(strokes)):
            for x, y in stroke:
                lib.zinnia_character_add(character, stroke_id, int(x), int(y))

        result = lib.zinnia_recognizer_classify(self._recognizer, character, NBEST)
        if not result:
            return []
        try:
            ranked = [
                (
                    lib.zinnia_result_value(result, i).decode("utf-8"),
                    float(lib.zinnia_result_score(result, i)),
                )
                for i in range(lib.zinnia_result_size(result))
            ]
        finally:
            lib.zinnia_result_destroy(result)
        if allowed is not None:
            ranked = [item for item in ranked if item[0] in allowed]
        return ranked

    def close(self) -> None:
        self._lib.zinnia_character_destroy(self._character)
        self._lib.zinnia_recognizer_destroy(self._recognizer)


def _fit_to_canvas(strokes: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Scale strokes, keeping their proportions, into Zinnia's square."""
    points = np.concatenate([np.asarray(s, dtype=np.float64) for s in strokes])
    low, high = points.min(axis=0), points.max(axis=0)
    span = max(float((high - low).max()), 1e-6)
    inner = CANVAS * (1 - 2 * _MARGIN)
    offset = (CANVAS - (high - low) / span * inner) / 2
    return [
        np.round((np.asarray(s) - low) / span * inner + offset).astype(int)
        for s in strokes
    ]
