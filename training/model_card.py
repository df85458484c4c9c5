"""Measure a trained model on the held-out sets and write its model card.

``python -m training.model_card`` re-measures the shipped model; training
calls ``write_model_card`` at its end.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

from kana_app.config import MODEL_DIR
from kana_app.recognition import service
from kana_app.recognition.cnn import CnnBackend
from kana_app.recognition.preprocess import prepare
from training import heldout
from training.fonts import HELD_OUT_FONTS, TRAINING_FONTS
from training.synth import ink_drawing, scribble

logger = logging.getLogger(__name__)

HIRAGANA = frozenset(chr(c) for c in range(0x3041, 0x3097))
KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー"}
SET_NOTES = {
    "fonts_unseen": "every full-size kana printed in six font faces never "
    "trained on (Klee One x2, Motoya L Maru, Sawarabi Mincho, IPAex Gothic, "
    "Kouzan gyosho)",
    "strokes_alt": "stroke point lists (JSON) from a different hand model: sparse "
    "jittered control points re-splined, uneven pen speed, pixel-rounded",
    "drawn_alt": "the same hand model drawn with another pen: canvas-style RGBA "
    "and soft pencil on grey paper",
    "messy_alt": "the same hand model, much messier (1.8x the jitter), three "
    "drawings of every full-size kana",
    "lookalikes": "ン ソ シ ツ ノ メ ヌ ス タ ク ケ ワ ... and hiragana lookalikes, "
    "12 drawings each",
    "small_kana": "small kana at 25-45% of the canvas and their full-size twins "
    "at 65-90%",
}


def evaluate_sets(root: Path, backend: CnnBackend) -> dict[str, dict]:
    """Return top-1 accuracy (script known), misses and latency for each set."""
    results = {}
    for folder in sorted(p for p in root.iterdir() if (p / "labels.csv").is_file()):
        with (folder / "labels.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        right, misses, times = 0, Counter(), []
        for row in rows:
            drawing = _load(folder / row["file"])
            script = KATAKANA if row["char"] in KATAKANA else HIRAGANA
            started = time.perf_counter()
            result = _recognize(backend, drawing, script)
            times.append(time.perf_counter() - started)
            top = result.guesses[0].kana if result.guesses else result.reason
            if top == row["char"]:
                right += 1
            else:
                misses[(row["char"], top)] += 1
        results[folder.name] = {
            "n": len(rows),
            "top1": right / len(rows),
            "ms_median": statistics.median(times) * 1000,
            "misses": misses,
        }
        logger.info("%s: top1=%.4f n=%d", folder.name, right / len(rows), len(rows))
    return results


def _recognize(backend: CnnBackend, drawing, allowed):
    """Recognize with ``backend`` directly, exactly as the service would."""
    previous = service._backend
    service._backend = backend
    try:
        return service.recognize(drawing, allowed)
    finally:
        service._backend = previous


def _load(path: Path):
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    with Image.open(path) as image:
        image.load()
        return image


def measure_latency(
    backend: CnnBackend, root: Path, count: int = 400
) -> dict[str, float]:
    """Median and p99 of preprocessing plus model, one thread, on held-out PNGs."""
    files = sorted((root / "drawn_alt").glob("*.png"))[:count]
    drawings = [_load(f) for f in files]
    for drawing in drawings[:20]:
        backend.rank(prepare(drawing).image, frozenset())
    times = []
    for drawing in drawings:
        started = time.perf_counter()
        backend.rank(prepare(drawing).image, frozenset())
        times.append(time.perf_counter() - started)
    times.sort()
    return {
        "median_ms": times[len(times) // 2] * 1000,
        "p99_ms": times[int(len(times) * 0.99)] * 1000,
    }


def scribble_figures(backend: CnnBackend, count: int = 300) -> float:
    """Share of fresh random scribbles (seed unlike training's) said not to be kana."""
    rng = np.random.default_rng(99)
    rejected = 0
    for _ in range(count):
        strokes = scribble(rng)
        drawing = ink_drawing(strokes, rng) if rng.random() < 0.5 else strokes
        rejected += not _recognize(backend, drawing, HIRAGANA).is_kana
    return rejected / count


def write_model_card(model_dir: Path = MODEL_DIR, summary: dict | None = None) -> Path:
    """Measure the model in ``model_dir`` and write MODEL_CARD.md beside it."""
    backend = CnnBackend(model_dir)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        counts = heldout.write_all(root)
        results = evaluate_sets(root, backend)
        latency = measure_latency(backend, root)
    rejected = scribble_figures(backend)
    model_file = model_dir / "kana_cnn.onnx"
    size_mb = model_file.stat().st_size / 1e6

    card = _render(backend, results, counts, latency, rejected, size_mb, summary or {})
    path = model_dir / "MODEL_CARD.md"
    path.write_text(card, encoding="utf-8")
    figures = {name: round(r["top1"], 4) for name, r in results.items()} | {
        "latency": latency,
        "size_mb": size_mb,
        "scribbles_rejected": rejected,
    }
    (model_dir.parent.parent.parent / "training" / "runs").mkdir(
        parents=True, exist_ok=True
    )
    logger.info("Model card figures: %s", figures)
    return path


def _render(backend, results, counts, latency, rejected, size_mb, summary) -> str:
    kana = sorted(backend.classes)
    small = "".join(sorted(service.SMALL_TO_FULL))
    rows = "\n".join(
        f"| {name} | {r['n']} | {r['top1']:.1%} | {SET_NOTES.get(name, '')} |"
        for name, r in results.items()
    )
    misses = Counter()
    for r in results.values():
        misses.update(r["misses"])
    worst = ", ".join(f"{a}→{b} ({n})" for (a, b), n in misses.most_common(12))
    per_class = Counter()
    for (a, _), n in misses.items():
        per_class[a] += n
    weakest = ", ".join(f"{a} ({n})" for a, n in per_class.most_common(10))
    if summary:
        trained = (
            f"{summary['samples']} synthetic samples ({summary['per_class']} per "
            f"kana shape), {summary['epochs']} epochs, {summary['minutes']} minutes "
            "on this machine's 2 shared cores; top-1 on a validation slice of the "
            f"training generator {summary['validation_top1']:.1%}"
        )
    else:
        trained = "see training/runs/summary.json of the run that made it"
    training_fonts = ", ".join(sorted({f.file.stem for f in TRAINING_FONTS}))
    held_fonts = ", ".join(sorted({f.file.stem for f in HELD_OUT_FONTS}))
    packages = " ".join(sorted({f.package for f in TRAINING_FONTS + HELD_OUT_FONTS}))
    return f"""# Kana CNN: model card

A small convolutional network that reads one hand-drawn kana. It is the Write
page's default recognizer, run by onnxruntime on one CPU thread.

## Classes

{len(kana)} kana shapes plus one scribble class ({len(kana) + 1} outputs):
every kana of both scripts in KanjiVG, ゐ ゑ ヰ ヱ ヴ ー and ゔ ヷ ヸ ヹ ヺ included.

`{"".join(kana)}`

Small kana ({small}) have the shape of their full-size twin, so the model has
one class per shape and the recognition service decides by size: on a canvas
that holds one character, ink whose size (the geometric mean of its box's
sides) is under {service.SMALL_SIZE:.0%} of the canvas's side reads as the
small kana (a soft split, so the twin is the
runner-up). For an image the canvas is the image; for strokes it is the
`canvas_size` given. With no size known the full-size kana comes first and the
small one second.

The scribble class never appears among the guesses. When it, or kana outside
the allowed set, take all but {service.MIN_KANA_PROBABILITY:.0%} of the
probability, the drawing is reported as not a kana (`scribble`). Empty
drawings and dots (ink under {service.TOO_SMALL_EXTENT:.0%} of the canvas) never reach
the model. Restriction to the allowed kana happens after the softmax, by
renormalising over them.

## Input

`kana_app.recognition.preprocess.prepare`, shared by training and the app:
ink found from alpha (transparent canvas) or the darkest colour channel, paper
shade removed, cropped to the ink (ignoring stray specks), scaled so the
longer side is 40 px keeping the aspect ratio, stroke width evened out to
about 3 px, centred on a 48 x 48 square.

## Training data

Synthesized fresh by `make train` (`python -m training.train`, seed
{summary.get("seed", "fixed")}); nothing is downloaded.

- **KanjiVG strokes** (70%): every stroke bent independently (offset, turn,
  size), smooth tremor, trimmed, stretched or hooked ends, an occasional pen
  drag joining two strokes; then the whole glyph rotated, slanted, stretched
  and warped by a smooth random field. 15% are fed as point lists in random
  coordinate ranges; the rest are inked: width 2-13% of the glyph, pressure
  swells and thinning tails, grey or tinted uneven paper, ink tone, blur,
  noise, dust, JPEG, coloured ink and canvas-style transparent RGBA.
- **Fonts** (30%): {training_fonts}; rotated, slanted, stretched, eroded or
  dilated, then captured like the strokes. Small kana glyphs count for their
  full-size shape.
- **Scribbles** (4% of samples): tangles, dense hatching, zigzags,
  scribbled-out circles, filled blobs. Never simple lines or single curves, so
  ー ノ へ し く つ are never taught as scribbles.

Training: {trained}. AdamW, one-cycle learning rate, label smoothing 0.05.

## Figures

Measured by `python -m training.model_card` on the held-out sets that
`python -m training.heldout OUT_DIR` writes (none drawn by the training
generator; fonts held out: {held_fonts}). Script known (hiragana or katakana),
top-1:

| set | n | top-1 | what it is |
|---|---|---|---|
{rows}

- Fresh random scribbles reported as not a kana: {rejected:.1%}
- Preprocessing + model, one thread: median {latency["median_ms"]:.2f} ms,
  p99 {latency["p99_ms"]:.2f} ms (on this shared machine)
- Model file: {size_mb:.2f} MB (ONNX, opset 17, float32)
- Weakest classes (misses over all sets): {weakest or "none"}
- Most frequent confusions (truth→guess): {worst or "none"}

Synthetic held-out sets are a floor check, not a promise: real handwriting
differs again. `python -m kana_app.recognition.evaluate DIR` measures the model
on anyone's labelled drawings.

## Limits

- One character per drawing; no stroke order or direction is used.
- Small and full-size kana are told apart only by size on the canvas.
- へ/ヘ, り/リ, か/カ and similar pairs look alike across scripts; the app
  always restricts to one script, which settles them.

## Licence and credits

The training data is derived from KanjiVG (© Ulrich Apel, CC BY-SA 3.0,
https://kanjivg.tagaini.net), so this model is licensed CC BY-SA 3.0 as well.
Printed kana come from fonts packaged by Debian ({packages}), each under
its own free licence (SIL OFL, IPA Font Licence, M+ FONT LICENSE, Apache 2.0
and others); the model contains no font data. No other recognizer's data or
models were used.
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    parser.add_argument(
        "--summary", type=Path, default=Path(__file__).parent / "runs" / "summary.json"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    summary = json.loads(args.summary.read_text()) if args.summary.is_file() else {}
    print(write_model_card(args.model_dir, summary))


if __name__ == "__main__":
    main()
