import numpy as np
import pytest

from kana_app.kana.strokes import (
    VIEWBOX,
    load_stroke_paths,
    sample_path,
    stroke_paths,
    stroke_points,
)


def test_every_kana_code_point_has_strokes():
    paths = load_stroke_paths()
    expected = {chr(c) for c in range(0x3041, 0x3097)}
    expected |= {chr(c) for c in range(0x30A1, 0x30FB)}
    expected.add("ー")

    assert set(paths) == expected
    assert all(paths[ch] for ch in paths)


@pytest.mark.parametrize(
    ("kana", "count"),
    [("あ", 3), ("か", 3), ("き", 4), ("ふ", 4), ("し", 1), ("ん", 1),
     ("ア", 2), ("ヲ", 3), ("ー", 1)],
)  # fmt: skip
def test_stroke_counts_match_the_textbook(kana, count):
    assert len(stroke_paths(kana)) == count


def test_stroke_points_stay_in_the_kanjivg_box():
    for kana in "あきゃヴー":
        if len(kana) != 1:
            continue
        for points in stroke_points(kana):
            assert points.dtype == np.float32
            assert points.ndim == 2 and points.shape[1] == 2
            assert points.min() >= 0 and points.max() <= VIEWBOX


def test_shi_is_drawn_top_to_bottom():
    (stroke,) = stroke_points("し")

    assert stroke[0][1] < 30 and stroke[-1][1] > 70


def test_sample_path_runs_start_to_end_about_step_apart():
    points = sample_path("M10,10 C20,10 30,10 40,10", step=2.0)
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)

    np.testing.assert_allclose(points[0], [10, 10])
    np.testing.assert_allclose(points[-1], [40, 10])
    assert steps.max() < 2.5
    assert len(points) >= 15


def test_sample_path_reads_relative_and_closing_commands():
    points = sample_path("M0,0 l10,0 v10 h-10 z", step=1.0)

    np.testing.assert_allclose(points[0], [0, 0])
    np.testing.assert_allclose(points[-1], [0, 0], atol=1e-6)
    assert np.isclose(points[:, 0].max(), 10) and np.isclose(points[:, 1].max(), 10)


def test_sample_path_mirrors_the_control_point_for_s():
    smooth = sample_path("M0,0 C0,10 10,10 10,0 S20,-10 20,0", step=1.0)

    assert smooth[:, 1].min() < -5 and smooth[:, 1].max() > 5
    np.testing.assert_allclose(smooth[-1], [20, 0], atol=1e-6)


@pytest.mark.parametrize("d", ["M0,0", "", "M5,5 Z"])
def test_sample_path_refuses_paths_without_segments(d):
    with pytest.raises(ValueError, match="d "):
        sample_path(d)


def test_unknown_kana_is_refused():
    with pytest.raises(ValueError, match="kana"):
        stroke_paths("漢")
