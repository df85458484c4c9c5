"""Runtime settings of the web app, read from the environment in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
MODEL_DIR = PACKAGE_DIR / "recognition" / "models"

BACKENDS = ("cnn", "manga-ocr")


@dataclass(frozen=True)
class Settings:
    """What an operator can change without touching the code."""

    backend: str
    manga_ocr_dir: Path
    log_level: str


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read the settings from ``environ`` (the process environment by default)."""
    env = os.environ if environ is None else environ

    backend = env.get("KANA_RECOGNIZER", "cnn").strip().lower()
    if backend not in BACKENDS:
        raise ValueError(f"KANA_RECOGNIZER must be one of {BACKENDS}, got {backend!r}")

    return Settings(
        backend=backend,
        manga_ocr_dir=Path(env.get("KANA_MANGA_OCR_DIR", "/opt/manga-ocr")),
        log_level=env.get("KANA_LOG_LEVEL", "INFO").upper(),
    )
