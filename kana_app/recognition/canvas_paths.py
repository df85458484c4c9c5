"""Turn the drawing canvas's fabric.js JSON into stroke point lists.

streamlit-drawable-canvas 0.13 (fabric.js 7) returns each freehand stroke as a
``Path`` object whose ``path`` holds absolute commands in canvas pixels:
``["M", x, y]``, then ``["Q", cx, cy, x, y]`` segments, then ``["L", x, y]``.
Its ``left``/``top``/``scaleX``/``angle``... place the path's bounding-box
centre on the canvas, which only differs from the raw commands once a learner
moves or scales a stroke with the toolbar's edit toggle; both are handled.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

import numpy as np

logger = logging.getLogger(__name__)

# Points sampled along each curved segment, past its start point.
CURVE_SAMPLES = 3
# fabric.js position of the origin within the object's box.
_ORIGIN_OFFSET = {"left": 0.0, "top": 0.0, "center": 0.5, "right": 1.0, "bottom": 1.0}
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "Q": 4, "C": 6, "Z": 0}


def strokes_from_canvas(json_data: Mapping[str, Any] | None) -> list[np.ndarray]:
    """Return each drawn path as an (n, 2) array in canvas pixels, in drawing order.

    Objects that are not paths, and paths whose data cannot be read, are
    skipped; anything that is not canvas JSON gives an empty list.
    """
    if not isinstance(json_data, Mapping):
        return []
    objects = json_data.get("objects")
    if not isinstance(objects, list):
        return []

    strokes = []
    for obj in objects:
        if not isinstance(obj, Mapping) or str(obj.get("type", "")).lower() != "path":
            continue
        try:
            points = _path_points(obj.get("path"))
        except (TypeError, ValueError, IndexError) as error:
            logger.warning("Skipped an unreadable canvas path: %s", error)
            continue
        if len(points) == 0:
            continue
        strokes.append(_place_on_canvas(points, obj))
    return strokes


def _path_points(commands: Any) -> np.ndarray:
    """Sample path commands (absolute M, L, H, V, Q, C, Z) into points."""
    if not isinstance(commands, list):
        raise TypeError("path is not a list of commands")

    points: list[tuple[float, float]] = []
    pos = start = (0.0, 0.0)
    for command in commands:
        if not isinstance(command, (list, tuple)) or not command:
            raise ValueError("a path command is empty")
        letter = str(command[0]).upper()
        if letter not in _ARITY:
            raise ValueError(f"unsupported path command {command[0]!r}")
        args = [float(value) for value in command[1 : 1 + _ARITY[letter]]]
        if len(args) != _ARITY[letter] or not all(map(math.isfinite, args)):
            raise ValueError(f"bad arguments for path command {letter}")

        if letter == "M":
            pos = start = (args[0], args[1])
            points.append(pos)
        elif letter in "LHVZ":
            if letter == "L":
                pos = (args[0], args[1])
            elif letter == "H":
                pos = (args[0], pos[1])
            elif letter == "V":
                pos = (pos[0], args[0])
            else:
                pos = start
            points.append(pos)
        else:
            controls = [pos] + [(args[i], args[i + 1]) for i in range(0, len(args), 2)]
            points.extend(_bezier(controls))
            pos = controls[-1]

    return np.array(points, dtype=np.float64).reshape(-1, 2)


def _bezier(controls: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sample a quadratic or cubic Bezier curve, leaving out its start point."""
    p = np.array(controls)
    t = np.linspace(0.0, 1.0, CURVE_SAMPLES + 1)[1:, None]
    if len(p) == 3:
        curve = (1 - t) ** 2 * p[0] + 2 * (1 - t) * t * p[1] + t**2 * p[2]
    else:
        curve = (
            (1 - t) ** 3 * p[0]
            + 3 * (1 - t) ** 2 * t * p[1]
            + 3 * (1 - t) * t**2 * p[2]
            + t**3 * p[3]
        )
    return [(float(x), float(y)) for x, y in curve]


def _place_on_canvas(points: np.ndarray, obj: Mapping[str, Any]) -> np.ndarray:
    """Apply the object's move, scale, flip and rotation to its path points."""
    scale_x = _number(obj, "scaleX", 1.0) * (-1.0 if obj.get("flipX") else 1.0)
    scale_y = _number(obj, "scaleY", 1.0) * (-1.0 if obj.get("flipY") else 1.0)
    angle = math.radians(_number(obj, "angle", 0.0))
    has_position = "left" in obj and "top" in obj
    if scale_x == 1.0 and scale_y == 1.0 and angle == 0.0 and not has_position:
        return points

    # fabric.js keeps the path in the coordinates it was drawn in and maps its
    # bounding-box centre (pathOffset) to the object's centre.
    low, high = points.min(axis=0), points.max(axis=0)
    path_offset = (low + high) / 2
    stroke = _number(obj, "strokeWidth", 1.0)
    width = _number(obj, "width", float(high[0] - low[0]))
    height = _number(obj, "height", float(high[1] - low[1]))
    if obj.get("strokeUniform"):
        box = np.array([width * abs(scale_x) + stroke, height * abs(scale_y) + stroke])
    else:
        box = np.array(
            [(width + stroke) * abs(scale_x), (height + stroke) * abs(scale_y)]
        )

    rotation = np.array(
        [[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]]
    )
    if has_position:
        origin = np.array([_number(obj, "left", 0.0), _number(obj, "top", 0.0)])
        to_centre = np.array(
            [
                0.5 - _ORIGIN_OFFSET.get(str(obj.get("originX", "center")), 0.5),
                0.5 - _ORIGIN_OFFSET.get(str(obj.get("originY", "center")), 0.5),
            ]
        )
        centre = origin + rotation @ (to_centre * box)
    else:
        centre = path_offset

    local = (points - path_offset) * np.array([scale_x, scale_y])
    return local @ rotation.T + centre


def _number(obj: Mapping[str, Any], key: str, default: float) -> float:
    """Read a finite number from a fabric.js object, or the default."""
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return float(value) if math.isfinite(value) else default
