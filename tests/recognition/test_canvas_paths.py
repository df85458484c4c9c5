import math

import numpy as np
import pytest

from kana_app.recognition.canvas_paths import strokes_from_canvas


def _freedraw(points, **extra):
    """Build a path object the way fabric.js 7's pencil brush serialises one."""
    commands = [["M", *points[0]]]
    for a, b in zip(points, points[1:]):
        commands.append(["Q", *a, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2])
    commands.append(["L", *points[-1]])
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    obj = {
        "type": "Path",
        "version": "7.4.0",
        "originX": "center",
        "originY": "center",
        "left": (min(xs) + max(xs)) / 2,
        "top": (min(ys) + max(ys)) / 2,
        "width": max(xs) - min(xs),
        "height": max(ys) - min(ys),
        "strokeWidth": 12,
        "scaleX": 1,
        "scaleY": 1,
        "angle": 0,
        "flipX": False,
        "flipY": False,
        "path": commands,
    }
    obj.update(extra)
    return obj


def test_freedraw_paths_become_strokes_in_drawing_order():
    first = _freedraw([(10, 20), (60, 20), (110, 22)])
    second = _freedraw([(50, 5), (52, 80), (55, 150)])

    strokes = strokes_from_canvas({"version": "7.4.0", "objects": [first, second]})

    assert len(strokes) == 2
    assert strokes[0].shape[1] == 2
    np.testing.assert_allclose(strokes[0][0], (10, 20), atol=0.5)
    np.testing.assert_allclose(strokes[0][-1], (110, 22), atol=0.5)
    np.testing.assert_allclose(strokes[1][0], (50, 5), atol=0.5)
    np.testing.assert_allclose(strokes[1][-1], (55, 150), atol=0.5)


def test_curve_segments_are_sampled_between_their_ends():
    path = _freedraw([(0, 0), (100, 0), (100, 100)])

    strokes = strokes_from_canvas({"objects": [path]})

    points = strokes[0]
    assert len(points) > 4
    assert np.all(points[:, 0] >= -0.5) and np.all(points[:, 1] <= 100.5)


def test_a_moved_stroke_follows_its_position():
    moved = _freedraw([(10, 10), (30, 10)])
    moved["left"] += 100
    moved["top"] += 50

    points = strokes_from_canvas({"objects": [moved]})[0]

    np.testing.assert_allclose(points[0], (110, 60), atol=0.5)
    np.testing.assert_allclose(points[-1], (130, 60), atol=0.5)


def test_a_scaled_and_rotated_stroke_is_transformed_about_its_centre():
    obj = _freedraw([(0, 0), (20, 0)], scaleX=2, scaleY=2, angle=90)

    points = strokes_from_canvas({"objects": [obj]})[0]

    # Centre stays at (10, 0); a 40 px line now runs top to bottom.
    np.testing.assert_allclose(points[0], (10, -20), atol=0.5)
    np.testing.assert_allclose(points[-1], (10, 20), atol=0.5)


def test_left_top_origin_is_understood():
    obj = _freedraw([(10, 10), (30, 30)], originX="left", originY="top")
    obj["left"], obj["top"] = 10 - 6, 10 - 6  # box includes half the stroke width

    points = strokes_from_canvas({"objects": [obj]})[0]

    np.testing.assert_allclose(points[0], (10, 10), atol=0.5)


def test_non_path_objects_are_ignored():
    rect = {"type": "Rect", "left": 0, "top": 0, "width": 10, "height": 10}
    strokes = strokes_from_canvas({"objects": [rect, _freedraw([(1, 1), (5, 5)])]})

    assert len(strokes) == 1


@pytest.mark.parametrize(
    "json_data",
    [
        None,
        {},
        {"objects": None},
        {"objects": "nope"},
        [],
        "text",
        {"objects": [None, 3, {"type": "path"}, {"type": "path", "path": "M 0 0"}]},
        {"objects": [{"type": "path", "path": [["M", "a", 1]]}]},
        {"objects": [{"type": "path", "path": [["M", math.nan, 1]]}]},
        {"objects": [{"type": "path", "path": [["X", 1, 1]]}]},
        {"objects": [{"type": "path", "path": [[]]}]},
        {"objects": [{"type": "path", "path": [["Q", 1, 2]]}]},
    ],
)
def test_malformed_input_gives_no_strokes(json_data):
    assert strokes_from_canvas(json_data) == []


def test_lowercase_type_and_missing_transform_keep_raw_coordinates():
    obj = {"type": "path", "path": [["M", 3, 4], ["L", 30, 40]]}

    points = strokes_from_canvas({"objects": [obj]})[0]

    np.testing.assert_allclose(points, [(3, 4), (30, 40)])
