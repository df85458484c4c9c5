"""Synthetic handwriting: KanjiVG strokes bent the way real hands bend them.

Every function takes a ``numpy.random.Generator`` so a seed fixes the output.
Coordinates are KanjiVG's 109-unit box, y down.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from kana_app.kana.strokes import VIEWBOX, stroke_points
from kana_app.recognition.preprocess import turning_points

Strokes = list[np.ndarray]


@dataclass(frozen=True)
class HandStyle:
    """How sloppy a synthetic writer is; each field scales one kind of change."""

    stroke_offset: float = 3.0  # per-stroke shift, box units (sigma)
    stroke_turn: float = 4.0  # per-stroke rotation, degrees (sigma)
    stroke_scale: float = 0.08  # per-stroke size change (sigma)
    wobble: float = 1.0  # smooth tremor amplitude, box units
    elastic: float = 3.0  # smooth whole-glyph warp amplitude, box units
    rotation: float = 6.0  # whole-glyph rotation, degrees (sigma)
    slant: float = 0.12  # shear (sigma)
    aspect: float = 0.12  # log width/height change (sigma)
    sloppy_ends: float = 0.35  # chance of a trimmed, stretched or hooked end
    connect: float = 0.08  # chance two strokes are joined by a pen drag
    bow: float = 0.05  # sideways bulge over stroke length (sigma): straight lines
    # come out curved, curves flatter or rounder


TRAINING_STYLE = HandStyle()


@functools.cache
def base_strokes(kana: str) -> tuple[np.ndarray, ...]:
    """Return the KanjiVG strokes of ``kana``, sampled every unit."""
    return tuple(stroke_points(kana, step=1.0))


def write_kana(
    kana: str, rng: np.random.Generator, style: HandStyle = TRAINING_STYLE
) -> Strokes:
    """Return one synthetic handwritten ``kana`` as strokes in the 109 box."""
    # Writers range from neat to messy: one factor scales every change.
    messiness = float(np.clip(rng.lognormal(0, 0.3), 0.4, 1.6))
    style = _scaled(style, messiness)
    strokes = [s.astype(np.float64) for s in base_strokes(kana)]
    strokes = [_bend_stroke(s, rng, style) for s in strokes]
    if len(strokes) > 1 and rng.random() < style.connect:
        i = int(rng.integers(len(strokes) - 1))
        bridge = np.linspace(strokes[i][-1], strokes[i + 1][0], 8)
        strokes[i] = np.concatenate([strokes[i], bridge[1:-1], strokes[i + 1]])
        del strokes[i + 1]
    return _warp_glyph(strokes, rng, style)


def _scaled(style: HandStyle, factor: float) -> HandStyle:
    return HandStyle(
        stroke_offset=style.stroke_offset * factor,
        stroke_turn=style.stroke_turn * factor,
        stroke_scale=style.stroke_scale * factor,
        wobble=style.wobble * factor,
        elastic=style.elastic * factor,
        rotation=style.rotation * factor,
        slant=style.slant * factor,
        aspect=style.aspect * factor,
        sloppy_ends=min(1.0, style.sloppy_ends * factor),
        connect=min(1.0, style.connect * factor),
        bow=style.bow * factor,
    )


def _bend_stroke(
    stroke: np.ndarray, rng: np.random.Generator, style: HandStyle
) -> np.ndarray:
    centre = stroke.mean(axis=0)
    angle = np.radians(rng.normal(0, style.stroke_turn))
    scale = np.exp(rng.normal(0, style.stroke_scale, 2))
    rotate = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    stroke = (stroke - centre) @ rotate.T * scale + centre
    stroke = stroke + rng.normal(0, style.stroke_offset, 2)

    if len(stroke) > 3:
        chord = stroke[-1] - stroke[0]
        length = float(np.linalg.norm(chord))
        if length > 1e-6:
            normal = np.array([-chord[1], chord[0]]) / length
            t = np.linspace(0, 1, len(stroke))[:, None]
            bulge = rng.normal(0, style.bow) * length
            stroke = stroke + np.sin(np.pi * t) * bulge * normal

    if len(stroke) > 4 and rng.random() < style.sloppy_ends:
        stroke = _sloppy_end(stroke, rng, at_start=rng.random() < 0.3)
    if len(stroke) > 3 and style.wobble > 0:
        stroke = stroke + _tremor(len(stroke), rng) * style.wobble * rng.uniform(
            0.1, 1.0
        )
    return stroke


def _sloppy_end(
    stroke: np.ndarray, rng: np.random.Generator, at_start: bool
) -> np.ndarray:
    """Trim, stretch or hook one end of a stroke, as hasty writers do."""
    if at_start:
        return _sloppy_end(stroke[::-1], rng, at_start=False)[::-1]
    kind = rng.random()
    if kind < 0.35:
        cut = int(len(stroke) * rng.uniform(0.03, 0.15))
        return stroke[: max(3, len(stroke) - cut)]
    tail = stroke[-1] - stroke[-4]
    tail = tail / (np.linalg.norm(tail) + 1e-9)
    if kind < 0.7:
        length = rng.uniform(2, 7)
        extra = stroke[-1] + np.outer(np.linspace(0, length, 5)[1:], tail)
        return np.concatenate([stroke, extra])
    # A hook: the pen flicks off sideways.
    side = np.array([-tail[1], tail[0]]) * rng.choice([-1, 1])
    length = rng.uniform(2, 6)
    t = np.linspace(0, 1, 5)[1:, None]
    hook = stroke[-1] + length * (t * tail * 0.5 + t**2 * side)
    return np.concatenate([stroke, hook])


def _tremor(n: int, rng: np.random.Generator) -> np.ndarray:
    """Return a smooth random (n, 2) displacement of unit-ish amplitude."""
    noise = rng.normal(0, 1, (n + 26, 2))
    kernel = np.hanning(25)
    kernel /= kernel.sum()
    smooth = np.stack([np.convolve(noise[:, k], kernel, "same") for k in range(2)], 1)
    smooth = smooth[13 : 13 + n]
    return smooth / (smooth.std() + 1e-9)


def _warp_glyph(
    strokes: Strokes, rng: np.random.Generator, style: HandStyle
) -> Strokes:
    """Rotate, slant, stretch and elastically warp the whole glyph."""
    centre = np.full(2, VIEWBOX / 2)
    angle = np.radians(rng.normal(0, style.rotation))
    slant = rng.normal(0, style.slant)
    aspect = np.exp(rng.normal(0, style.aspect))
    matrix = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    matrix = matrix @ np.array([[aspect, slant], [0.0, 1 / aspect]])

    # A few random low-frequency waves make a smooth warp field.
    waves = rng.normal(0, 1, (3, 2, 2)) * (2 * np.pi / VIEWBOX) * rng.uniform(0.3, 1.2)
    phases = rng.uniform(0, 2 * np.pi, (3, 2))
    amplitude = style.elastic * rng.uniform(0, 1) / np.sqrt(3)

    warped = []
    for stroke in strokes:
        points = (stroke - centre) @ matrix.T + centre
        shift = np.zeros_like(points)
        for k in range(3):
            shift += np.sin(points @ waves[k].T + phases[k]) * amplitude
        warped.append(points + shift)
    return warped


def scribble(rng: np.random.Generator) -> Strokes:
    """Return strokes that are no kana: tangles, hatching, zigzags, blobs."""
    kind = rng.integers(5)
    if kind == 0:  # a tangle of looping curves
        return [
            _random_walk(rng, int(rng.integers(60, 160)), turn=0.5)
            for _ in range(rng.integers(2, 6))
        ]
    if kind == 1:  # dense hatching, sometimes crossed
        strokes = _hatching(rng, int(rng.integers(7, 18)), rng.uniform(0, np.pi))
        if rng.random() < 0.5:
            strokes += _hatching(rng, int(rng.integers(5, 14)), rng.uniform(0, np.pi))
        return strokes
    if kind == 2:  # a long zigzag or a scratch-out
        n = int(rng.integers(8, 20))
        xs = np.linspace(15, 95, n) + rng.normal(0, 3, n)
        ys = np.where(np.arange(n) % 2, 20, 90) + rng.normal(0, 8, n)
        path = np.stack([xs, ys], 1)
        if rng.random() < 0.5:
            path = path[:, ::-1]
        return [_densify(path)]
    if kind == 3:  # many overlapping circles, like a scribbled-out spot
        turns = rng.uniform(3, 7)
        t = np.linspace(0, 2 * np.pi * turns, int(120 * turns / 3))
        radius = rng.uniform(15, 40) * (1 + 0.3 * np.sin(t * rng.uniform(0.1, 0.5)))
        drift = np.outer(t / t[-1], rng.normal(0, 15, 2))
        path = np.stack(
            [np.cos(t) * radius, np.sin(t) * radius * rng.uniform(0.5, 1)], 1
        )
        return [path + drift + 54]
    # A blob: a filled spot, drawn as a spiral of touching turns.
    t = np.linspace(0, 2 * np.pi * 6, 240)
    radius = np.linspace(1, rng.uniform(8, 25), 240)
    path = np.stack([np.cos(t) * radius, np.sin(t) * radius * rng.uniform(0.6, 1)], 1)
    return [path + 54]


def _random_walk(rng: np.random.Generator, n: int, turn: float) -> np.ndarray:
    heading = rng.uniform(0, 2 * np.pi)
    bend = np.cumsum(rng.normal(0, turn, n)) * 0.5 + heading
    step = rng.uniform(1.5, 3.0)
    path = np.cumsum(np.stack([np.cos(bend), np.sin(bend)], 1) * step, axis=0)
    path -= path.mean(axis=0)
    return path / (np.abs(path).max() + 1e-9) * rng.uniform(25, 45) + 54


def _hatching(rng: np.random.Generator, count: int, angle: float) -> Strokes:
    direction = np.array([np.cos(angle), np.sin(angle)])
    normal = np.array([-direction[1], direction[0]])
    spacing = rng.uniform(3, 7)
    length = rng.uniform(40, 80)
    strokes = []
    for i in range(count):
        middle = 54 + normal * (i - count / 2) * spacing + rng.normal(0, 1.5, 2)
        ends = [middle - direction * length / 2, middle + direction * length / 2]
        strokes.append(_densify(np.array(ends)))
    return strokes


def _densify(path: np.ndarray, step: float = 1.5) -> np.ndarray:
    """Insert points so neighbours are about ``step`` apart."""
    out = [path[:1]]
    for a, b in zip(path[:-1], path[1:], strict=False):
        n = max(1, int(np.linalg.norm(b - a) / step))
        out.append(np.linspace(a, b, n + 1)[1:])
    return np.concatenate(out)


@dataclass(frozen=True)
class PenStyle:
    """How a synthetic drawing is inked and captured."""

    min_width: float = 0.02  # stroke width over glyph size, log-uniform between
    max_width: float = 0.13
    pressure: float = 0.35  # chance the width varies along the stroke
    paper: float = 0.5  # chance of grey, tinted or uneven paper
    blur: float = 0.35
    noise: float = 0.35
    jpeg: float = 0.25
    transparent: float = 0.15  # chance of a canvas-style RGBA image


TRAINING_PEN = PenStyle()


def ink_drawing(
    strokes: Strokes, rng: np.random.Generator, pen: PenStyle = TRAINING_PEN
) -> Image.Image:
    """Draw strokes as a scanned, photographed or canvas picture of random size."""
    side = int(rng.integers(40, 160))
    fill = rng.uniform(0.35, 0.95)
    glyph = side * fill
    width = glyph * np.exp(rng.uniform(np.log(pen.min_width), np.log(pen.max_width)))
    supersample = 2 if side < 120 else 1
    big = side * supersample

    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    scale = glyph * supersample / max(float((high - low).max()), 1.0)
    room = big - (high - low) * scale
    offset = rng.uniform(0, 1, 2) * np.maximum(room, 0) - low * scale

    mask = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(mask)
    for stroke in strokes:
        xy = stroke * scale + offset
        _draw_stroke(draw, xy, width * supersample, rng, pen)
    if supersample > 1:
        mask = mask.resize((side, side), Image.Resampling.BOX)
    return capture(mask, rng, pen)


def _draw_stroke(
    draw: ImageDraw.ImageDraw,
    xy: np.ndarray,
    width: float,
    rng: np.random.Generator,
    pen: PenStyle,
) -> None:
    """Draw one stroke, its width following the pen's pressure along the way."""
    n = len(xy)
    r = width / 2
    if rng.random() >= pen.pressure or n <= 6:
        # Even pressure: one polyline, with round ends and joints.
        if n > 1:
            draw.line(xy.ravel().tolist(), fill=255, width=max(1, round(width)))
        for x, y in xy[turning_points(xy)].tolist():
            draw.ellipse((x - r, y - r, x + r, y + r), fill=255)
        return

    # Pressure: a slow random swell plus, often, a thinning tail.
    profile = 1 + 0.35 * _tremor(n, rng)[:, 0]
    if rng.random() < 0.6:
        profile *= np.linspace(1, rng.uniform(0.3, 0.8), n) ** 0.7
    profile = np.clip(profile, 0.3, 1.6)
    chunk = 6
    for start in range(0, n - 1, chunk):
        piece = xy[start : start + chunk + 1]
        w = max(1.0, width * float(profile[start]))
        draw.line(piece.ravel().tolist(), fill=255, width=round(w))
        x, y = piece[0].tolist()
        draw.ellipse((x - w / 2, y - w / 2, x + w / 2, y + w / 2), fill=255)
    x, y = xy[-1].tolist()
    draw.ellipse(
        (
            x - r * profile[-1],
            y - r * profile[-1],
            x + r * profile[-1],
            y + r * profile[-1],
        ),
        fill=255,
    )


def capture(mask: Image.Image, rng: np.random.Generator, pen: PenStyle) -> Image.Image:
    """Turn an ink mask into a picture: paper, ink tone, blur, noise, JPEG."""
    if rng.random() < pen.blur:
        mask = mask.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.3)))
    ink = np.asarray(mask, dtype=np.float32) / 255.0
    side = ink.shape[0]

    if rng.random() < pen.transparent:
        colour = rng.integers(0, 256, 3)
        rgba = np.empty((side, side, 4), dtype=np.uint8)
        rgba[:, :, :3] = colour
        rgba[:, :, 3] = (ink * 255).astype(np.uint8)
        return Image.fromarray(rgba, "RGBA")

    paper = np.full((side, side), 255.0, dtype=np.float32)
    if rng.random() < pen.paper:
        paper[:] = rng.uniform(180, 255)
        ramp = np.linspace(-1, 1, side, dtype=np.float32)
        paper += rng.normal(0, 8) * ramp[None, :] + rng.normal(0, 8) * ramp[:, None]
    ink_tone = rng.uniform(0, 0.45) * paper.mean()
    picture = paper * (1 - ink) + ink_tone * ink

    if rng.random() < pen.noise:
        picture += rng.normal(0, rng.uniform(2, 12), picture.shape)
    if rng.random() < 0.1:
        # Dust: a few dark specks.
        for _ in range(int(rng.integers(1, 5))):
            y, x = rng.integers(0, side, 2)
            picture[y : y + 2, x : x + 2] = ink_tone
    gray = np.clip(picture, 0, 255).astype(np.uint8)
    image = Image.fromarray(gray, "L")

    if rng.random() < 0.3:
        # Coloured ink on white or cream paper, as a colour scan gives it.
        tint = rng.uniform(0.3, 1.0, 3)
        rgb = 255 - (255 - gray[:, :, None]) * tint[None, None, :]
        image = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")
    if rng.random() < pen.jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=int(rng.integers(15, 80)))
        image = Image.open(io.BytesIO(buffer.getvalue()))
        image.load()
    return image
