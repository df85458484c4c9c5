"""Recognize hand-drawn kana: preprocessing, backends and the ranking service.

The default backend is a small CNN run by onnxruntime; KANA_RECOGNIZER picks
another one (see kana_app.config).
"""

from kana_app.recognition.service import (
    NOT_KANA_REASONS,
    Backend,
    Drawing,
    Guess,
    Recognition,
    get_backend,
    recognizable_kana,
    recognize,
    warm_up,
)

__all__ = [
    "NOT_KANA_REASONS",
    "Backend",
    "Drawing",
    "Guess",
    "Recognition",
    "get_backend",
    "recognizable_kana",
    "recognize",
    "warm_up",
]
