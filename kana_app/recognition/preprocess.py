"""Turn any drawing into the model's input: the one path training and inference share.

A drawing is an image (PIL or array, any size, dark or coloured ink on a light
background, or RGBA with a transparent background) or strokes as point lists in
any coordinate range, y down. ``prepare`` finds the ink, crops to it, evens out
the stroke width, keeps the aspect ratio and centres the glyph on a small square.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageOps

# Side of the square the model sees, and the longer side of the glyph inside it.
INPUT_SIZE = 48
GLYPH_SIZE = 40
# Stroke width, in model-input pixels, that every drawing is brought close to.
STROKE_WIDTH = 3.0
# The width is evened out on a grid twice as fine as the model input.
_WORK_SCALE = 2
# Images at least twice this size are shrunk by a whole factor before the pixel
# work: the glyph ends up 40 pixels tall anyway, and fewer pixels keep
# preprocessing well under a millisecond.
_MAX_SOURCE_SIDE = 160
# Ink values are 0..1 after background normalisation; below this is paper.
_INK_THRESHOLD = 0.25
# Share of the ink mass ignored at each side when finding the glyph's box, so a
# speck of dust far from the glyph does not shrink the glyph.
_BOX_TAIL = 0.002
_MIN_CONTRAST = 40  # of 255: less than this between paper and ink is a blank page
_MAX_WIDTH_STEPS = 3
# Paper whose shade varies less than this (of 255) is taken as even.
_EVEN_PAPER = 12

Strokes = Sequence[Sequence[Sequence[float]]]
Drawing = Image.Image | np.ndarray | Strokes


@dataclass(frozen=True)
class Prepared:
    """A drawing made ready for a recognizer."""

    image: Image.Image | None  # mode "L", black ink on white; None when no ink
    extent: float | None  # ink's longer side over the canvas's, None when unknown
    # The ink box's geometric mean side over the canvas's: how big the kana is
    # drawn, fair to flat shapes such as っ, which a longer side overrates.
    size: float | None = None


def prepare(drawing: Drawing, canvas_size: tuple[int, int] | None = None) -> Prepared:
    """Find the ink of ``drawing`` and return the model input and the ink's extent.

    For an image the canvas is the image itself; for strokes it is
    ``canvas_size`` (width, height) in the strokes' units, or unknown.
    """
    if _is_image(drawing):
        ink, factor, full = _image_ink(drawing)
        box = _ink_box(ink)
        if box is None:
            return Prepared(None, None)
        width, height = box[2] - box[0], box[3] - box[1]
        side = max(width, height)
        extent = side / max(ink.shape)
        size = math.sqrt(width * height) / max(ink.shape)
        if full is not None and side < GLYPH_SIZE * _WORK_SCALE:
            # A glyph small in a big picture: take its pixels at full size.
            crop = full(box)
            return Prepared(_normalize(crop, _ink_box(crop)), extent, size)
        return Prepared(_normalize(ink, box), extent, size)

    strokes = _as_strokes(drawing)
    if not strokes:
        return Prepared(None, None)
    points = np.concatenate(strokes)
    width, height = (points.max(axis=0) - points.min(axis=0)).tolist()
    span = max(width, height)
    extent = size = None
    if canvas_size is not None:
        extent = span / max(canvas_size)
        size = math.sqrt(width * height) / max(canvas_size)
    elif span == 0.0:
        extent = size = 0.0
    ink = _stretch(255 - np.asarray(render_strokes(strokes)))
    return Prepared(_normalize(ink, _ink_box(ink)), extent, size)


def to_model_input(drawing: Drawing) -> Image.Image:
    """Return the model input for ``drawing``; a blank square when it has no ink."""
    prepared = prepare(drawing)
    if prepared.image is None:
        return Image.new("L", (INPUT_SIZE, INPUT_SIZE), 255)
    return prepared.image


def to_gray(image: Image.Image | np.ndarray) -> Image.Image:
    """Return ``image`` as mode "L", black ink on a white, evened-out background."""
    ink = _ink_from_image(image)
    return Image.fromarray((255 - ink).astype(np.uint8), "L")


def render_strokes(
    strokes: Strokes, size: int = INPUT_SIZE * _WORK_SCALE
) -> Image.Image:
    """Draw strokes black on white, scaled to fit ``size`` with the standard width."""
    arrays = _as_strokes(strokes)
    image = Image.new("L", (size, size), 255)
    if not arrays:
        return image

    # The strokes are scaled so the glyph's longer side matches GLYPH_SIZE at
    # this size, so the pen width is already the one the model expects.
    points = np.concatenate(arrays)
    low, high = points.min(axis=0), points.max(axis=0)
    span = float((high - low).max())
    glyph = size * GLYPH_SIZE / INPUT_SIZE
    scale = glyph / span if span > 0 else 1.0
    centre = (low + high) / 2
    width = max(1, round(STROKE_WIDTH * size / INPUT_SIZE))

    draw = ImageDraw.Draw(image)
    r = width / 2
    for stroke in arrays:
        xy = (stroke - centre) * scale + size / 2
        if len(xy) > 1:
            draw.line(xy.ravel().tolist(), fill=0, width=width)
        # Round caps and joints where the pen turns: PIL leaves notches there.
        for x, y in xy[turning_points(xy)].tolist():
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    return image


def turning_points(xy: np.ndarray) -> np.ndarray:
    """Return the indices of a polyline's ends and its sharp turns."""
    keep = np.zeros(len(xy), dtype=bool)
    keep[[0, -1]] = True
    if len(xy) > 2:
        step = np.diff(xy, axis=0)
        before, after = step[:-1], step[1:]
        dot = (before * after).sum(axis=1)
        norms = np.linalg.norm(before, axis=1) * np.linalg.norm(after, axis=1)
        keep[1:-1] = dot < 0.8 * norms
    return np.flatnonzero(keep)


def _is_image(drawing: Drawing) -> bool:
    if isinstance(drawing, Image.Image):
        return True
    # An array is a picture unless it is shaped (strokes, points, xy).
    return isinstance(drawing, np.ndarray) and not (
        drawing.ndim == 3 and drawing.shape[2] == 2
    )


def _as_strokes(strokes: Strokes) -> list[np.ndarray]:
    """Return the strokes as float (n, 2) arrays, dropping empty ones."""
    arrays = []
    for stroke in strokes:
        array = np.asarray(stroke, dtype=np.float32).reshape(-1, 2)
        if len(array) and np.isfinite(array).all():
            arrays.append(array)
    return arrays


def _ink_from_image(image: Image.Image | np.ndarray) -> np.ndarray:
    """Return ink strength 0..255 (uint8, 255 = full ink) for a drawing image."""
    ink, _, _ = _image_ink(image)
    return ink


def _image_ink(image: Image.Image | np.ndarray):
    """Return (ink, factor, full) for an image: ink at 1/factor of its size, and
    a function that gives the ink of a box at full size (None when 1:1)."""
    if isinstance(image, np.ndarray):
        image = _array_to_image(image)
    darkness, is_alpha = _darkness(image)
    factor = -(-max(darkness.size) // _MAX_SOURCE_SIDE)
    probe = darkness.reduce(factor) if factor > 1 else darkness
    pixels = np.asarray(probe)
    flat = pixels if is_alpha else _flatten_paper(pixels)
    lut = _ink_lut(flat)
    if lut is None:
        return np.zeros_like(pixels), factor, None
    ink = lut[flat]
    if factor == 1 or flat is not pixels:
        return ink, factor, None

    def full(box: tuple[int, int, int, int]) -> np.ndarray:
        # One probe pixel of margin: the probe's box is only that precise.
        left, top = (max(0, v - 1) * factor for v in box[:2])
        right, bottom = ((v + 1) * factor for v in box[2:])
        return lut[np.asarray(darkness.crop((left, top, right, bottom)))]

    return ink, factor, full


def _flatten_paper(darkness: np.ndarray) -> np.ndarray:
    """Subtract the paper's own shade, estimated block by block (scans, photos)."""
    height, width = darkness.shape
    block = max(12, max(height, width) // 6)
    rows, columns = -(-height // block), -(-width // block)
    if rows < 2 and columns < 2:
        return darkness
    padded = np.pad(
        darkness,
        ((0, rows * block - height), (0, columns * block - width)),
        mode="edge",
    )
    # The lightest pixel of a block is paper unless ink covers all of it.
    paper = padded.reshape(rows, block, columns, block).min(axis=(1, 3))
    if int(paper.max()) - int(paper.min()) < _EVEN_PAPER:
        return darkness
    # A block the ink covers whole is no paper: cap it near the typical paper.
    paper = np.minimum(paper, np.percentile(paper, 75) + 10).astype(np.uint8)
    shade = Image.fromarray(paper, "L").resize(
        (width, height), Image.Resampling.BILINEAR
    )
    return (
        np.subtract(darkness, np.asarray(shade), dtype=np.int16)
        .clip(0)
        .astype(np.uint8)
    )


def _array_to_image(array: np.ndarray) -> Image.Image:
    if array.dtype != np.uint8:
        array = np.nan_to_num(np.asarray(array, dtype=np.float32))
        if array.size and float(array.max()) <= 1.0:
            array = array * 255.0
        array = np.clip(array, 0, 255).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim == 2:
        return Image.fromarray(array, "L")
    if array.ndim == 3 and array.shape[2] in (3, 4):
        return Image.fromarray(array, "RGB" if array.shape[2] == 3 else "RGBA")
    raise ValueError(
        f"drawing must be an image array (h, w), (h, w, 3) or (h, w, 4), "
        f"got shape {array.shape}"
    )


def _darkness(image: Image.Image) -> tuple[Image.Image, bool]:
    """Return how far each pixel is from the paper, as mode "L" (255 = ink), and
    whether that came from a transparent background's alpha channel."""
    if image.mode in ("RGBA", "LA", "PA", "P") or "transparency" in image.info:
        if image.mode not in ("RGBA", "LA"):
            image = image.convert("RGBA")
        alpha = image.getchannel("A")
        # A transparent background (the drawing canvas) means the alpha channel
        # is the ink, whatever its colour; an opaque picture is read by colour.
        low, _ = alpha.getextrema()
        transparent = np.count_nonzero(np.asarray(alpha) < 250)
        if low < 250 and transparent > alpha.size[0] * alpha.size[1] // 3:
            return alpha, True
        colour = _colour_darkness(image.convert("RGB"))
        return ImageChops.multiply(colour, alpha), False
    return _colour_darkness(image), False


def _colour_darkness(image: Image.Image) -> Image.Image:
    if image.mode == "L":
        return ImageOps.invert(image)
    if image.mode != "RGB":
        image = image.convert("RGB")
    # The darkest channel: a yellow or red pen is as much ink as a black one.
    red, green, blue = image.split()
    return ImageOps.invert(ImageChops.darker(ImageChops.darker(red, green), blue))


def _stretch(darkness: np.ndarray) -> np.ndarray:
    """Map the paper to 0 and the strongest ink to 255 (paper may be grey or dark)."""
    lut = _ink_lut(darkness)
    return np.zeros_like(darkness) if lut is None else lut[darkness]


def _ink_lut(darkness: np.ndarray) -> np.ndarray | None:
    """Return the darkness-to-ink lookup table, or None for a blank picture."""
    histogram = np.bincount(darkness.ravel(), minlength=256)
    levels = np.arange(256)
    cumulative = np.cumsum(histogram)
    paper = int(np.searchsorted(cumulative, cumulative[-1] // 2))
    if paper > 127:
        # Light ink on dark paper: flip so the ink is the strong side.
        levels = 255 - levels
        histogram = histogram[::-1]
        cumulative = np.cumsum(histogram)
        paper = int(np.searchsorted(cumulative, cumulative[-1] // 2))
    strongest = int(np.searchsorted(cumulative, cumulative[-1] * 0.9995))
    strongest = max(strongest, int(np.nonzero(histogram)[0][-1]) * 3 // 4)
    if strongest - paper < _MIN_CONTRAST:
        return None

    lut = np.clip((levels - paper) * 255.0 / (strongest - paper), 0, 255)
    lut[lut < _INK_THRESHOLD * 255] = 0
    return lut.astype(np.uint8)


def _ink_box(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """Return the (left, top, right, bottom) box that holds nearly all the ink."""
    # uint32 holds any ink sum here (the source is reduced to _MAX_SOURCE_SIDE
    # first) and sums faster than int64.
    columns = ink.sum(axis=0, dtype=np.uint32)
    total = int(columns.sum(dtype=np.uint64))
    if total == 0:
        return None
    rows = ink.sum(axis=1, dtype=np.uint32)
    left, right = _tail_bounds(columns, total)
    top, bottom = _tail_bounds(rows, total)
    return left, top, right, bottom


def _tail_bounds(mass: np.ndarray, total: int) -> tuple[int, int]:
    cumulative = np.cumsum(mass)
    cut = total * _BOX_TAIL
    start = int(np.searchsorted(cumulative, cut, side="right"))
    end = int(np.searchsorted(cumulative, total - cut, side="left")) + 1
    return start, max(end, start + 1)


def _normalize(ink: np.ndarray, box: tuple[int, int, int, int] | None) -> Image.Image:
    """Crop ink to its box, scale it to GLYPH_SIZE, even out the width, centre it."""
    if box is None:
        return Image.new("L", (INPUT_SIZE, INPUT_SIZE), 255)
    left, top, right, bottom = box
    crop = Image.fromarray(ink[top:bottom, left:right], "L")

    # Scale on the finer grid first, where a one-pixel erosion or dilation is a
    # half-pixel change at the model's size.
    glyph = GLYPH_SIZE * _WORK_SCALE
    scale = glyph / max(crop.size)
    width, height = (
        max(1, round(crop.size[0] * scale)),
        max(1, round(crop.size[1] * scale)),
    )
    crop = crop.resize((width, height), Image.Resampling.BILINEAR)

    work = INPUT_SIZE * _WORK_SCALE
    canvas = np.zeros((work, work), dtype=np.uint8)
    x, y = (work - width) // 2, (work - height) // 2
    canvas[y : y + height, x : x + width] = np.asarray(crop)
    canvas = _even_width(canvas)

    small = _block_mean(canvas)
    return Image.fromarray((255.5 - small).astype(np.uint8), "L")


def _block_mean(work: np.ndarray) -> np.ndarray:
    """Average each _WORK_SCALE square of ``work`` (uint8) into one float pixel.

    Adding strided views is exact (integer sums, a power-of-two divisor) and
    several times faster than a mean over reshaped axes, which took a tenth
    of a recognition.
    """
    total = np.zeros(
        (work.shape[0] // _WORK_SCALE, work.shape[1] // _WORK_SCALE), np.uint16
    )
    for dy in range(_WORK_SCALE):
        for dx in range(_WORK_SCALE):
            total += work[dy::_WORK_SCALE, dx::_WORK_SCALE]
    return total.astype(np.float32) / _WORK_SCALE**2


def _even_width(ink: np.ndarray) -> np.ndarray:
    """Erode or dilate ``ink`` (uint8, 255 = ink) towards the standard width."""
    pixels = ink.astype(np.float32)
    area = float(pixels.sum())
    if area == 0.0:
        return ink
    # Twice the area over the outline length is the width of a long stroke; the
    # summed gradients overestimate the outline by 4/pi on average over angles.
    outline = float(
        np.abs(np.diff(pixels, axis=0)).sum() + np.abs(np.diff(pixels, axis=1)).sum()
    )
    width = 2 * area / (outline * np.pi / 4 + 1e-6)
    target = STROKE_WIDTH * _WORK_SCALE

    # Whole 3x3 erosions or dilations step the width by two pixels; blending
    # the two nearest steps makes the change continuous.
    steps = float(np.clip((width - target) / 2, -_MAX_WIDTH_STEPS, _MAX_WIDTH_STEPS))
    combine = np.minimum if steps > 0 else np.maximum
    whole, part = divmod(abs(steps), 1.0)
    for _ in range(int(whole)):
        ink = _shift_combine(ink, combine)
    if part > 0.05:
        further = _shift_combine(ink, combine)
        ink = (ink * (1 - part) + further * part).astype(np.uint8)
    return ink


def _shift_combine(ink: np.ndarray, combine: np.ufunc) -> np.ndarray:
    """Apply a 3x3 min (erode) or max (dilate) filter, edges padded with paper."""
    # A plain zeroed frame: np.pad's generality costs more than the filter.
    padded = np.zeros((ink.shape[0] + 2, ink.shape[1] + 2), ink.dtype)
    padded[1:-1, 1:-1] = ink
    rows = combine(combine(padded[:-2], padded[1:-1]), padded[2:])
    return combine(combine(rows[:, :-2], rows[:, 1:-1]), rows[:, 2:])
