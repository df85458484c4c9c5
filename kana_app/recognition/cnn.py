"""The default recognizer: a small CNN run by onnxruntime on one CPU thread."""

from __future__ import annotations

import functools
import json
import logging
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from PIL import Image

from kana_app.config import MODEL_DIR
from kana_app.recognition.backend import Guess
from kana_app.recognition.preprocess import INPUT_SIZE, to_model_input

logger = logging.getLogger(__name__)

MODEL_FILE = "kana_cnn.onnx"
# rank returns at most this many kana: beyond them the probabilities are
# negligible, and building a Guess for each of 150 classes costs more than the
# model itself.
RANK_LIMIT = 24
LABELS_FILE = "labels.json"


class CnnBackend:
    """Rank kana shapes with the shipped ONNX model.

    The model knows each kana's shape once: a small kana (ぁ, ッ) shares its
    class with its full-size twin, and the recognition service tells them apart
    by size. It also has one class for scribbles, which is never returned but
    takes probability away from every kana.
    """

    name = "cnn"

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        started = time.perf_counter()
        model_path, labels_path = model_dir / MODEL_FILE, model_dir / LABELS_FILE
        for path in (model_path, labels_path):
            if not path.is_file():
                raise FileNotFoundError(
                    f"Recognition model file is missing: {path}. "
                    "Restore it from the repository or rebuild it with `make train`."
                )

        with labels_path.open(encoding="utf-8") as f:
            labels = json.load(f)
        self._labels: list[str] = labels["classes"]
        self._reject: str = labels["reject"]
        if labels.get("input_size", INPUT_SIZE) != INPUT_SIZE:
            raise ValueError(
                f"{labels_path} expects input_size {labels['input_size']}, "
                f"preprocessing makes {INPUT_SIZE}"
            )
        self.classes = frozenset(c for c in self._labels if c != self._reject)

        # The app must work with no network and report nothing anywhere:
        # onnxruntime's telemetry is on by default.
        ort.disable_telemetry_events()
        options = ort.SessionOptions()
        # One thread: a request is one tiny image, and Streamlit serves many
        # sessions from one process; threads would only fight each other.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )
        self._input = self._session.get_inputs()[0].name
        logger.info(
            "Loaded %s (%d classes) in %.0f ms",
            model_path,
            len(self._labels),
            (time.perf_counter() - started) * 1000,
        )

    def probabilities(self, image: Image.Image) -> dict[str, float]:
        """Return the softmax over every class, the scribble class included."""
        return dict(zip(self._labels, self._softmax(image).tolist(), strict=True))

    def rank(self, image: Image.Image, allowed: frozenset[str]) -> list[Guess]:
        """Return the RANK_LIMIT likeliest allowed kana, best first.

        The probabilities are the model's own, not renormalised: what the
        scribble class and the kana outside ``allowed`` take is missing from
        their sum.
        """
        probs = self._softmax(image)
        index = self._class_index(allowed)
        order = index[np.argsort(-probs[index], kind="stable")[:RANK_LIMIT]]
        return [Guess(self._labels[i], float(probs[i])) for i in order.tolist()]

    def _softmax(self, image: Image.Image) -> np.ndarray:
        if image.mode != "L" or image.size != (INPUT_SIZE, INPUT_SIZE):
            image = to_model_input(image)
        ink = (255.0 - np.asarray(image, dtype=np.float32)) / 255.0
        (logits,) = self._session.run(None, {self._input: ink[None, None]})
        logits = logits[0].astype(np.float64)
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()

    @functools.lru_cache(maxsize=64)  # noqa: B019 (one backend per process)
    def _class_index(self, allowed: frozenset[str]) -> np.ndarray:
        """Return the output indices of the allowed kana (all kana when empty)."""
        wanted = self.classes if not allowed else self.classes & allowed
        return np.array(
            sorted(i for i, label in enumerate(self._labels) if label in wanted),
            dtype=np.intp,
        )
