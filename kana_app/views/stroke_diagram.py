"""Stroke-order diagrams as inline SVG: animated, numbered, and a "show me" overlay.

The strokes come from KanjiVG (CC BY-SA 3.0) through ``kana_app.kana.strokes``.
Each diagram is one self-contained ``<svg>`` with its own ``<style>``: no
script, no external asset, so it works offline and through ``st.html``. The
SVG scales down to the width it is given, so it fits a phone.
"""

from __future__ import annotations

import html
import math

import numpy as np

from kana_app.kana.strokes import VIEWBOX, load_stroke_paths, sample_path

# Seconds: a stroke of the box's width takes STROKE_SECONDS to draw, with a
# pause between strokes like a hand lifting the pen.
STROKE_SECONDS = 0.9
MIN_STROKE_SECONDS = 0.35
PAUSE_SECONDS = 0.3
MIN_SIZE, MAX_SIZE = 40, 1200
INK = "#1f2937"
GHOST = "#d9dde3"
GUIDE = "#e8ebef"
# One colour per stroke number, so that a number matches its stroke; chosen
# to stay apart for the common kinds of colour blindness.
PALETTE = ("#d1495b", "#1b6ca8", "#2a9d4b", "#c77d00", "#7b4fa3", "#00838f")
NUMBER_SIZE = 8.5


def animated_strokes_html(kana: str, *, size: int = 220, replay_key: int = 0) -> str:
    """Return an SVG that draws the kana's strokes one by one, in order and direction.

    A new ``replay_key`` gives the animation new names, so the browser plays
    it again from the start.
    """
    return _animated_svg(kana, size, replay_key, overlay=False)


def show_me_html(kana: str, *, size: int = 220, replay_key: int = 0) -> str:
    """Return the stroke animation on a transparent background, for over the canvas.

    It ignores the pointer, so it can lie over the drawing area.
    """
    return _animated_svg(kana, size, replay_key, overlay=True)


def numbered_strokes_html(kana: str, *, size: int = 220) -> str:
    """Return a static SVG of the kana with each stroke's number near its start."""
    paths = _checked_paths(kana)
    size = _checked_size(size)
    uid = f"kana-numbers-{_kana_id(kana)}"

    body = [_paper()]
    placed: list[np.ndarray] = []
    for i, d in enumerate(paths):
        colour = PALETTE[i % len(PALETTE)]
        points = sample_path(d, 1.0)
        start = points[0]
        x, y = _number_position(points, placed)
        placed.append(np.array([x, y]))
        body.append(f'<path class="stroke" d="{d}" style="stroke:{colour}"/>')
        body.append(
            f'<circle cx="{start[0]:.1f}" cy="{start[1]:.1f}" r="2.2" '
            f'fill="{colour}"/>'
        )
        body.append(
            f'<text x="{x:.1f}" y="{y:.1f}" fill="{colour}">{i + 1}</text>'
        )

    style = (
        f"#{uid} .stroke{{fill:none;stroke-width:3.2;stroke-linecap:round;"
        f"stroke-linejoin:round}}"
        f"#{uid} text{{font:700 {NUMBER_SIZE}px sans-serif;text-anchor:middle;"
        f"dominant-baseline:central}}"
    )
    label = f"Stroke order of {kana}: {len(paths)} numbered strokes"
    return _svg(uid, size, label, style, body, overlay=False)


def _animated_svg(kana: str, size: int, replay_key: int, *, overlay: bool) -> str:
    paths = _checked_paths(kana)
    size = _checked_size(size)
    if isinstance(replay_key, bool) or not isinstance(replay_key, int):
        raise ValueError(f"replay_key must be an int, got {replay_key!r}")
    kind = "show-me" if overlay else "strokes"
    uid = f"kana-{kind}-{_kana_id(kana)}-{replay_key & 0xFFFFFFFF:x}"
    keyframes = f"draw-{uid}"

    body = [] if overlay else [_paper()]
    if not overlay:
        body.extend(f'<path class="ghost" d="{d}"/>' for d in paths)
    delay = 0.4
    for i, d in enumerate(paths):
        length = _length(d)
        seconds = max(MIN_STROKE_SECONDS, STROKE_SECONDS * length / VIEWBOX)
        dash = math.ceil(length) + 1
        body.append(
            f'<path class="stroke" data-stroke="{i + 1}" d="{d}" '
            f'style="stroke-dasharray:{dash};stroke-dashoffset:{dash};'
            f'animation-delay:{delay:.2f}s;animation-duration:{seconds:.2f}s"/>'
        )
        delay += seconds + PAUSE_SECONDS

    ink = PALETTE[0] if overlay else INK
    style = (
        f"#{uid} .ghost{{fill:none;stroke:{GHOST};stroke-width:3.2;"
        f"stroke-linecap:round;stroke-linejoin:round}}"
        f"#{uid} .stroke{{fill:none;stroke:{ink};stroke-width:3.6;"
        f"stroke-linecap:round;stroke-linejoin:round;"
        f"animation-name:{keyframes};animation-timing-function:ease-in-out;"
        f"animation-fill-mode:forwards}}"
        f"@keyframes {keyframes}{{to{{stroke-dashoffset:0}}}}"
        # Without motion the learner still sees every stroke, at once.
        f"@media (prefers-reduced-motion: reduce){{#{uid} .stroke"
        f"{{animation:none;stroke-dashoffset:0!important}}}}"
    )
    label = f"Animation of the {len(paths)} strokes of {kana}, in writing order"
    return _svg(uid, size, label, style, body, overlay=overlay)


def _svg(
    uid: str, size: int, label: str, style: str, body: list[str], *, overlay: bool
) -> str:
    layout = "display:block;max-width:100%;height:auto"
    if overlay:
        layout += ";pointer-events:none;background:transparent"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{uid}" class="kana-diagram" '
        f'viewBox="0 0 {VIEWBOX:g} {VIEWBOX:g}" width="{size}" height="{size}" '
        f'style="{layout}" role="img" aria-label="{html.escape(label)}">'
        f"<title>{html.escape(label)}</title>"
        f"<style>{style}</style>" + "".join(body) + "</svg>"
    )


def _paper() -> str:
    """A white square with a faint centre cross, like practice paper."""
    middle = VIEWBOX / 2
    return (
        f'<rect width="{VIEWBOX:g}" height="{VIEWBOX:g}" rx="6" fill="#ffffff"/>'
        f'<path d="M{middle:g} 4V{VIEWBOX - 4:g}M4 {middle:g}H{VIEWBOX - 4:g}" '
        f'stroke="{GUIDE}" stroke-width="0.8" stroke-dasharray="3 3" fill="none"/>'
    )


def _number_position(
    points: np.ndarray, placed: list[np.ndarray]
) -> tuple[float, float]:
    """Put a number just before the stroke's start, clear of earlier numbers."""
    start = points[0]
    ahead = points[min(len(points) - 1, 4)] - start
    norm = float(np.linalg.norm(ahead)) or 1.0
    back = -ahead / norm
    side = np.array([back[1], -back[0]])

    margin = NUMBER_SIZE * 0.7
    candidates = [start + back * 7.0, start + side * 7.0, start - side * 7.0]
    candidates += [start + back * 11.0 + side * 4.0, start + back * 11.0 - side * 4.0]
    for candidate in candidates:
        spot = np.clip(candidate, margin, VIEWBOX - margin)
        if all(np.linalg.norm(spot - other) >= NUMBER_SIZE for other in placed):
            return float(spot[0]), float(spot[1])
    spot = np.clip(candidates[0], margin, VIEWBOX - margin)
    return float(spot[0]), float(spot[1])


def _length(d: str) -> float:
    points = sample_path(d, 1.0)
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def _checked_paths(kana: str) -> list[str]:
    # Only kana from the stroke table reach the SVG, so its path data and the
    # kana itself are known text.
    paths = load_stroke_paths()
    if not isinstance(kana, str) or kana not in paths:
        raise ValueError(f"kana must be a single kana with stroke data, got {kana!r}")
    return paths[kana]


def _checked_size(size: int) -> int:
    if isinstance(size, bool) or not isinstance(size, int):
        raise ValueError(f"size must be an int number of pixels, got {size!r}")
    if not MIN_SIZE <= size <= MAX_SIZE:
        raise ValueError(f"size must be from {MIN_SIZE} to {MAX_SIZE}, got {size}")
    return size


def _kana_id(kana: str) -> str:
    return "-".join(f"{ord(char):x}" for char in kana)
