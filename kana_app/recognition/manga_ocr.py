"""The optional Manga OCR backend: a page-text reader, mapped onto the kana.

Installed with ``pip install .[manga-ocr]`` and chosen with
``KANA_RECOGNIZER=manga-ocr``. The weights are read from a local folder
(``KANA_MANGA_OCR_DIR``), never from a model hub.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from kana_app.kana.strokes import load_stroke_paths
from kana_app.recognition.lookalikes import map_to_allowed

if TYPE_CHECKING:
    from kana_app.recognition.backend import Guess

logger = logging.getLogger(__name__)

NAME = "manga-ocr"
# What a folder saved by ``save_pretrained`` holds; the weights come as either
# file, depending on the transformers version that saved them.
REQUIRED_FILES = ("config.json", "preprocessor_config.json", "vocab.txt")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# Share of a token's probability given to each further lookalike, so the
# ranking keeps the runners-up without letting them overtake the best match.
LOOKALIKE_SHARE = 0.1
# Tokens of the first decoding step looked at; the rest hold almost no mass.
TOP_TOKENS = 64
PADDING = 0.15


class MangaOcrBackend:
    """Rank the allowed kana by Manga OCR's reading of the drawing."""

    name = NAME

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._reader = load_reader(self.folder)
        self._tokens = self._reader.tokenizer.convert_ids_to_tokens(
            list(range(len(self._reader.tokenizer)))
        )
        self._special_ids = frozenset(self._reader.tokenizer.all_special_ids)
        self.classes = self._reachable_kana()

    def rank(self, image: Image.Image, allowed: frozenset[str]) -> list[Guess]:
        """Return the allowed kana (every class if empty), most likely first.

        Probabilities are what the reader gives the first character; the share
        it gives to text that maps to no allowed kana is left out, so they sum
        to less than 1 for a drawing it reads as something else.
        """
        from kana_app.recognition.backend import Guess

        allowed = allowed or self.classes
        scores: dict[str, float] = {}
        for token_id, probability in self._first_character_probabilities(image):
            candidates = map_to_allowed(self._tokens[token_id], allowed)
            if not candidates:
                continue
            weights = [1.0] + [LOOKALIKE_SHARE] * (len(candidates) - 1)
            for kana, weight in zip(candidates, weights, strict=True):
                share = probability * weight / sum(weights)
                scores[kana] = scores.get(kana, 0.0) + share

        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [Guess(kana, score) for kana, score in ranked]

    def read_text(self, image: Image.Image) -> str:
        """Return Manga OCR's own reading of the image, as it would print it."""
        return self._reader(_with_margin(image))

    def _first_character_probabilities(
        self, image: Image.Image
    ) -> list[tuple[int, float]]:
        """Score every token as the first character the reader would write."""
        import torch

        model = self._reader.model
        pixels = self._reader._preprocess(_with_margin(image).convert("RGB"))
        start = torch.tensor([[model.config.decoder_start_token_id]])
        with torch.inference_mode():
            logits = model(
                pixel_values=pixels[None].to(model.device), decoder_input_ids=start
            ).logits[0, -1]

        probabilities = logits.float().softmax(-1).cpu()
        top = torch.topk(probabilities, min(TOP_TOKENS, len(probabilities)))
        return [
            (int(i), float(p))
            for p, i in zip(top.values, top.indices, strict=True)
            if int(i) not in self._special_ids
        ]

    def _reachable_kana(self) -> frozenset[str]:
        every_kana = frozenset(load_stroke_paths())
        reachable: set[str] = set()
        for token_id, token in enumerate(self._tokens):
            if token_id not in self._special_ids:
                reachable.update(map_to_allowed(token, every_kana))
        return frozenset(reachable)


def check_weights(folder: Path) -> None:
    """Raise ``FileNotFoundError`` naming ``folder`` unless it holds the weights."""
    if not folder.is_dir():
        raise FileNotFoundError(
            f"Manga OCR weights folder {folder} does not exist. Download "
            "kha-white/manga-ocr-base into it on a machine with access to the "
            "model hub, or set KANA_MANGA_OCR_DIR to the folder that holds them."
        )

    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in WEIGHT_FILES):
        missing.append(" or ".join(WEIGHT_FILES))
    if missing:
        raise FileNotFoundError(
            f"Manga OCR weights folder {folder} is incomplete: missing "
            f"{', '.join(missing)}. Download kha-white/manga-ocr-base into it again."
        )


def load_reader(folder: Path) -> Any:
    """Load Manga OCR from ``folder`` once per process, without the network."""
    return _load_reader(Path(folder).resolve())


@functools.cache
def _load_reader(folder: Path) -> Any:
    check_weights(folder)

    # Set before transformers and huggingface_hub are imported: they read these
    # once, and with them a missing file fails instead of being downloaded.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        from manga_ocr import MangaOcr
    except ImportError as error:
        raise ImportError(
            "The Manga OCR backend needs its extra: pip install '.[manga-ocr]'"
        ) from error

    started = time.perf_counter()
    reader = MangaOcr(str(folder), force_cpu=True)
    logger.info(
        "Manga OCR loaded from %s in %.1f s", folder, time.perf_counter() - started
    )
    return reader


def _with_margin(image: Image.Image) -> Image.Image:
    """Add white space around a tightly cropped kana, as on a printed page."""
    gray = image.convert("L")
    pad = round(max(gray.size) * PADDING)
    framed = Image.new("L", (gray.width + 2 * pad, gray.height + 2 * pad), 255)
    framed.paste(gray, (pad, pad))
    return framed
