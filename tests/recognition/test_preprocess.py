"""Preprocessing turns the same kana into the same model input, however drawn."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from kana_app.kana.strokes import stroke_points
from kana_app.recognition.preprocess import (
    INPUT_SIZE,
    prepare,
    render_strokes,
    to_gray,
    to_model_input,
)


def _draw(
    kana: str,
    *,
    size: int = 200,
    scale: float = 1.4,
    offset: tuple[float, float] = (20, 20),
    width: int = 8,
    ink: tuple[int, ...] = (0, 0, 0),
    mode: str = "RGB",
    background: tuple[int, ...] = (255, 255, 255),
) -> Image.Image:
    image = Image.new(mode, (size, size), background)
    draw = ImageDraw.Draw(image)
    for stroke in stroke_points(kana):
        xy = [
            (float(x) * scale + offset[0], float(y) * scale + offset[1])
            for x, y in stroke
        ]
        draw.line(xy, fill=ink, width=width, joint="curve")
    return image


def _ink(image: Image.Image) -> np.ndarray:
    return (255.0 - np.asarray(image, dtype=np.float32)) / 255.0


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Share of ink that differs between two model inputs (0 same, 1 disjoint).

    Both are blurred first, so a sub-pixel shift counts as the small change it is.
    """
    x = _ink(a.filter(ImageFilter.GaussianBlur(1)))
    y = _ink(b.filter(ImageFilter.GaussianBlur(1)))
    return float(np.abs(x - y).sum() / max(x.sum(), y.sum()))


def test_output_is_a_small_gray_square_black_on_white():
    image = to_model_input(_draw("あ"))

    assert image.mode == "L"
    assert image.size == (INPUT_SIZE, INPUT_SIZE)
    pixels = np.asarray(image)
    assert pixels.min() < 60
    assert np.median(pixels) == 255


def test_position_on_the_canvas_does_not_matter():
    left = to_model_input(_draw("か", offset=(0, 0), scale=1.0))
    right = to_model_input(_draw("か", offset=(85, 80), scale=1.0))

    assert _difference(left, right) < 0.05


def test_drawing_size_does_not_matter():
    small = to_model_input(_draw("さ", size=400, scale=1.2, width=5))
    large = to_model_input(_draw("さ", size=400, scale=3.2, width=13))

    assert _difference(small, large) < 0.25


@pytest.mark.parametrize("width", [3, 16])
def test_stroke_width_is_evened_out(width):
    reference = to_model_input(_draw("ぬ", width=8))
    other = to_model_input(_draw("ぬ", width=width))

    assert _difference(reference, other) < 0.5
    # Without evening out, a pen twice as wide doubles the ink.
    ratio = _ink(other).sum() / _ink(reference).sum()
    assert 0.6 < ratio < 1.6


def test_transparent_canvas_matches_black_on_white():
    canvas = _draw("ソ", mode="RGBA", background=(0, 0, 0, 0), ink=(255, 255, 255, 255))
    paper = _draw("ソ")

    assert _difference(to_model_input(canvas), to_model_input(paper)) < 0.05


@pytest.mark.parametrize("ink", [(200, 30, 30), (30, 60, 220), (230, 200, 0)])
def test_coloured_ink_matches_black_ink(ink):
    coloured = to_model_input(_draw("ツ", ink=ink))
    black = to_model_input(_draw("ツ"))

    assert _difference(coloured, black) < 0.1


def test_grey_uneven_paper_is_removed():
    image = _draw("シ", background=(190, 190, 190), ink=(60, 60, 60))
    shade = np.linspace(-25, 25, image.size[0])[None, :, None]
    shaded = Image.fromarray(
        np.clip(np.asarray(image) + shade, 0, 255).astype(np.uint8)
    )

    assert _difference(to_model_input(shaded), to_model_input(_draw("シ"))) < 0.15


def test_numpy_arrays_are_accepted():
    image = _draw("ノ").convert("L")
    as_float = np.asarray(image, dtype=np.float32) / 255.0

    assert _difference(to_model_input(np.asarray(image)), to_model_input(image)) == 0
    assert _difference(to_model_input(as_float), to_model_input(image)) < 0.02


def test_strokes_in_any_coordinate_range_match():
    strokes = stroke_points("た")
    tiny = [s / 109.0 for s in strokes]
    huge = [s * 30 + 5000 for s in strokes]

    assert _difference(to_model_input(tiny), to_model_input(huge)) < 0.1
    assert _difference(to_model_input(tiny), to_model_input(_draw("た"))) < 0.35


def test_strokes_as_plain_lists_are_accepted():
    strokes = [[(0, 0), (10, 0)], [(5, -5), (5, 12)]]

    image = to_model_input(strokes)

    assert np.asarray(image).min() < 60


def test_blank_inputs_have_no_ink():
    assert prepare(Image.new("RGB", (100, 100), "white")).image is None
    assert prepare(Image.new("RGBA", (100, 100), (0, 0, 0, 0))).image is None
    assert prepare([]).image is None
    assert prepare([[]]).image is None


def test_extent_is_ink_size_over_canvas_size():
    half = prepare(_draw("つ", size=218, scale=1.0, offset=(0, 0)))
    strokes = prepare([[(10, 10), (50, 10)]], canvas_size=(200, 100))

    assert half.extent == pytest.approx(0.35, abs=0.05)
    assert strokes.extent == pytest.approx(0.2)
    assert prepare([[(10, 10), (50, 10)]]).extent is None
    assert prepare([[(3, 3)]]).extent == 0.0


def test_render_strokes_draws_black_on_white():
    image = render_strokes([[(0, 0), (1, 1)]], size=64)

    assert image.size == (64, 64)
    assert np.asarray(image).min() == 0
    assert np.asarray(image)[0, 63] == 255


def test_to_gray_flattens_colour_to_black_on_white():
    gray = to_gray(_draw("ロ", ink=(0, 0, 200), background=(240, 240, 220)))

    pixels = np.asarray(gray)
    assert gray.mode == "L"
    assert pixels.min() < 30
    assert np.median(pixels) > 240


def test_size_is_the_mean_side_so_flat_ink_is_not_overrated():
    flat = prepare([[(0, 40), (80, 40), (80, 60)]], canvas_size=(200, 200))
    square = prepare([[(0, 0), (80, 0), (80, 80)]], canvas_size=(200, 200))

    assert flat.extent == square.extent == pytest.approx(0.4)
    assert flat.size == pytest.approx((80 * 20) ** 0.5 / 200)
    assert square.size == pytest.approx(0.4)
    assert prepare([[(10, 10), (50, 10)]]).size is None
