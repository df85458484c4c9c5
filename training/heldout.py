"""Write held-out test sets: ``python -m training.heldout OUT_DIR``.

None of them comes from the training generator. Strokes are re-drawn by a
different model of a hand (jittered control points re-splined, uneven pen
speed, pixel-rounded like a canvas), rendered by a different pen, or printed
in font families that training never sees. Each set is a folder with
``labels.csv`` (``file,char``, in the format ``kana_app.recognition.evaluate``
reads) and PNG or JSON stroke files. The output depends only on the seed.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from kana_app.kana.strokes import VIEWBOX, load_stroke_paths, stroke_points
from kana_app.recognition.service import SMALL_TO_FULL
from training.fonts import HELD_OUT_FONTS, check_fonts, has_glyph

logger = logging.getLogger(__name__)

SEED = 7_2026
# Side of the square canvas the alternative writer draws on, as the app's does.
CANVAS = 300
LOOKALIKES = (
    "ンソシツノメヌスタクケワウフラヲチテユコロエニハトヘセモヤリカキ"
    "へせもやりかきぬめねれわるろはほさちうらこいけ"
)


def write_all(out: Path, seed: int = SEED) -> dict[str, int]:
    """Write every held-out set under ``out``; return the sample count of each."""
    check_fonts(HELD_OUT_FONTS)
    kana = sorted(load_stroke_paths())
    full = [k for k in kana if k not in SMALL_TO_FULL]
    small = list(SMALL_TO_FULL)
    sets = {
        "fonts_unseen": _fonts_unseen(full, seed),
        "strokes_alt": _strokes_alt(full, seed, repeats=5),
        "drawn_alt": _drawn_alt(full, seed, repeats=5),
        "messy_alt": _drawn_alt(full, seed, repeats=3, messiness=1.8),
        "lookalikes": _lookalikes(seed, repeats=12),
        "small_kana": _small_kana(small, seed, repeats=6),
    }
    counts = {}
    for name, samples in sets.items():
        counts[name] = _write_set(out / name, samples)
        logger.info("%s: %d samples", name, counts[name])
    return counts


def _write_set(folder: Path, samples: list[tuple[str, str, object]]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "labels.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "char"])
        for name, char, data in samples:
            if isinstance(data, Image.Image):
                data.save(folder / name, optimize=True)
            else:
                (folder / name).write_text(json.dumps(data), encoding="utf-8")
            writer.writerow([name, char])
    return len(samples)


def alt_strokes(
    kana: str, rng: np.random.Generator, messiness: float = 1.0
) -> list[np.ndarray]:
    """Re-draw ``kana`` another way: jitter sparse control points, re-spline them."""
    strokes = []
    # One gentle projective tilt for the whole glyph (a hand holding the tablet).
    tilt = rng.normal(0, 0.0015 * messiness, 2)
    turn = np.radians(rng.normal(0, 4 * messiness))
    rotate = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
    for points in stroke_points(kana, step=1.0):
        count = int(np.clip(len(points) // 10, 2, 9))
        index = np.linspace(0, len(points) - 1, count).round().astype(int)
        control = points[index].astype(np.float64)
        control += rng.normal(0, 1.6 * messiness, control.shape)
        control += rng.normal(0, 1.5 * messiness, 2)
        curve = _catmull_rom(control, samples=max(6, len(points) // 2))
        centred = curve - VIEWBOX / 2
        curve = centred @ rotate.T / (1 + centred @ tilt)[:, None] + VIEWBOX / 2
        strokes.append(_uneven_speed(curve, rng))
    return strokes


def _catmull_rom(control: np.ndarray, samples: int) -> np.ndarray:
    if len(control) == 2:
        return np.linspace(control[0], control[1], samples)
    padded = np.concatenate([control[:1], control, control[-1:]])
    out = []
    per = max(2, samples // (len(control) - 1))
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1 : i + 3]
        t = np.linspace(0, 1, per, endpoint=False)[:, None]
        out.append(
            0.5
            * (
                2 * p1
                + (p2 - p0) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                + (3 * p1 - p0 - 3 * p2 + p3) * t**3
            )
        )
    out.append(control[-1:])
    return np.concatenate(out)


def _uneven_speed(curve: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Resample as a pen moves: slow (dense points) at the ends, fast between."""
    t = np.linspace(0, 1, len(curve))
    warped = t - rng.uniform(0.05, 0.15) * np.sin(2 * np.pi * t) / (2 * np.pi)
    x = np.interp(warped, t, curve[:, 0])
    y = np.interp(warped, t, curve[:, 1])
    return np.stack([x, y], 1)


def _to_canvas(
    strokes: list[np.ndarray], rng: np.random.Generator, fill: float
) -> list[np.ndarray]:
    """Place strokes on the CANVAS square at ``fill`` of its side, pixel-rounded."""
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    scale = CANVAS * fill / float((high - low).max())
    room = CANVAS - (high - low) * scale
    offset = rng.uniform(0.2, 0.8, 2) * room - low * scale
    return [np.round(s * scale + offset) for s in strokes]


def _strokes_alt(kana: list[str], seed: int, repeats: int) -> list:
    rng = np.random.default_rng([seed, 1])
    samples = []
    for char in kana:
        for r in range(repeats):
            strokes = _to_canvas(alt_strokes(char, rng), rng, rng.uniform(0.55, 0.9))
            data = [s.astype(int).tolist() for s in strokes]
            samples.append((f"{ord(char):05x}_{r}.json", char, data))
    return samples


def _pen_picture(
    strokes: list[np.ndarray], rng: np.random.Generator, transparent: bool
) -> Image.Image:
    """Render canvas strokes with a round pen at 2x, then downsample (antialias)."""
    factor = 2
    width = rng.uniform(6, 22) * factor
    mask = Image.new("L", (CANVAS * factor, CANVAS * factor), 0)
    draw = ImageDraw.Draw(mask)
    for stroke in strokes:
        xy = stroke * factor
        if len(xy) > 1:
            draw.line(xy.ravel().tolist(), fill=255, width=round(width), joint="curve")
        for x, y in (xy[0].tolist(), xy[-1].tolist()):
            r = width / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
    mask = mask.resize((CANVAS, CANVAS), Image.Resampling.BOX)

    if transparent:
        colour = tuple(int(c) for c in rng.integers(0, 200, 3))
        picture = Image.new("RGBA", mask.size, (*colour, 0))
        picture.putalpha(mask)
        return picture
    # A pencil on paper, photographed: light paper, soft grey ink, a little blur.
    paper = int(rng.integers(200, 250))
    ink = int(rng.integers(20, 110))
    picture = Image.composite(
        Image.new("L", mask.size, ink), Image.new("L", mask.size, paper), mask
    )
    picture = picture.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.2)))
    return picture.resize((150, 150), Image.Resampling.BILINEAR)


def _drawn_alt(
    kana: list[str], seed: int, repeats: int, messiness: float = 1.0
) -> list:
    rng = np.random.default_rng([seed, 2, round(messiness * 10)])
    samples = []
    for char in kana:
        for r in range(repeats):
            strokes = alt_strokes(char, rng, messiness)
            strokes = _to_canvas(strokes, rng, rng.uniform(0.55, 0.9))
            picture = _pen_picture(strokes, rng, transparent=r % 2 == 0)
            samples.append((f"{ord(char):05x}_{r}.png", char, picture))
    return samples


def _lookalikes(seed: int, repeats: int) -> list:
    rng = np.random.default_rng([seed, 3])
    samples = []
    for char in LOOKALIKES:
        for r in range(repeats):
            messiness = 0.7 + 0.1 * (r % 5)
            strokes = _to_canvas(
                alt_strokes(char, rng, messiness), rng, rng.uniform(0.55, 0.9)
            )
            picture = _pen_picture(strokes, rng, transparent=r % 3 != 0)
            samples.append((f"{ord(char):05x}_{r}.png", char, picture))
    return samples


def _small_kana(small: list[str], seed: int, repeats: int) -> list:
    """Small kana drawn at 15-30% of the canvas, their full twins at 42-90%."""
    rng = np.random.default_rng([seed, 4])
    samples = []
    for char in small:
        for twin, low, high in ((char, 0.15, 0.3), (SMALL_TO_FULL[char], 0.42, 0.9)):
            for r in range(repeats // 2):
                strokes = _to_canvas(
                    alt_strokes(twin, rng), rng, rng.uniform(low, high)
                )
                picture = _pen_picture(strokes, rng, transparent=True)
                samples.append((f"{ord(twin):05x}_{r}.png", twin, picture))
    return samples


def _fonts_unseen(kana: list[str], seed: int) -> list:
    """Print every full-size kana in each held-out font on an em-square canvas.

    Printed small kana are left out: on a one-character canvas they are not
    what a learner draws (the small_kana set covers those).
    """
    rng = np.random.default_rng([seed, 5])
    samples = []
    for number, font in enumerate(HELD_OUT_FONTS):
        size = int(rng.integers(40, 90))
        face = ImageFont.truetype(str(font.file), size, index=font.index)
        for char in kana:
            if not has_glyph(font, char):
                continue
            picture = Image.new("L", (size, size), 255)
            draw = ImageDraw.Draw(picture)
            # The em square is the character cell: small kana stay small in it.
            draw.text((size / 2, size / 2), char, fill=0, font=face, anchor="mm")
            samples.append((f"f{number}_{ord(char):05x}.png", char, picture))
    return samples


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the sets into")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for name, count in write_all(args.out, args.seed).items():
        print(f"{name}: {count} samples in {args.out / name}")


if __name__ == "__main__":
    main()
