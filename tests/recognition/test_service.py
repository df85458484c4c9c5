"""The recognition service: not-a-kana outcomes, allowed kana, small kana, loading."""

import threading

import numpy as np
import pytest
from PIL import Image, ImageDraw

from kana_app.kana.strokes import stroke_points
from kana_app.recognition import Recognition, get_backend, recognize, warm_up
from kana_app.recognition.cnn import CnnBackend
from kana_app.recognition.service import recognizable_kana

HIRAGANA = frozenset(chr(c) for c in range(0x3041, 0x3097))
KATAKANA = frozenset(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー"}
CANVAS = 300


def _on_canvas(kana: str, fill: float = 0.8, at: tuple[float, float] = (0.5, 0.5)):
    """Return ``kana``'s strokes filling ``fill`` of a CANVAS square around ``at``."""
    strokes = stroke_points(kana)
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    scale = CANVAS * fill / float((high - low).max())
    centre = np.array(at) * CANVAS
    return [(s - (low + high) / 2) * scale + centre for s in strokes]


def _canvas_image(strokes, width: int = 10) -> Image.Image:
    """Draw strokes the way the canvas sends them: ink on a transparent square."""
    image = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        draw.line(
            [tuple(p) for p in stroke.tolist()], fill=(20, 20, 160, 255), width=width
        )
    return image


def test_empty_canvas_is_not_a_kana():
    blank = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))

    assert recognize(blank) == Recognition((), False, "empty")
    assert recognize([]) == Recognition((), False, "empty")


def test_a_dot_is_too_small():
    dot = [np.array([[150.0, 150.0], [153.0, 152.0]])]

    assert recognize(dot, canvas_size=(CANVAS, CANVAS)).reason == "too_small"
    assert recognize(_canvas_image(dot)).reason == "too_small"
    assert recognize([[(5.0, 5.0)]]).reason == "too_small"


@pytest.mark.parametrize("seed", range(3))
def test_dense_hatching_is_a_scribble(seed):
    rng = np.random.default_rng(seed)
    strokes = []
    for i in range(14):
        y = 40 + i * 16 + rng.normal(0, 2)
        strokes.append(np.array([[40.0, y], [260.0, y + rng.normal(0, 10)]]))
    for i in range(14):
        x = 40 + i * 16 + rng.normal(0, 2)
        strokes.append(np.array([[x, 40.0], [x + rng.normal(0, 10), 260.0]]))

    result = recognize(_canvas_image(strokes, width=6), HIRAGANA)

    assert result == Recognition((), False, "scribble")


@pytest.mark.parametrize(
    ("kana", "script"),
    [
        ("ー", KATAKANA),
        ("ノ", KATAKANA),
        ("へ", HIRAGANA),
        ("し", HIRAGANA),
        ("く", HIRAGANA),
        ("つ", HIRAGANA),
        ("あ", HIRAGANA),
        ("ぼ", HIRAGANA),
        ("ヌ", KATAKANA),
        ("ヴ", KATAKANA),
        ("ゑ", HIRAGANA),
    ],
)
def test_clean_kana_are_recognized(kana, script):
    result = recognize(_canvas_image(_on_canvas(kana)), script)

    assert result.is_kana
    assert result.reason is None
    assert result.guesses[0].kana == kana


def test_strokes_and_images_give_the_same_answer():
    strokes = _on_canvas("ね")

    from_strokes = recognize(strokes, HIRAGANA, canvas_size=(CANVAS, CANVAS))
    from_image = recognize(_canvas_image(strokes), HIRAGANA)

    assert from_strokes.guesses[0].kana == from_image.guesses[0].kana == "ね"


def test_guesses_are_only_allowed_kana_renormalised():
    result = recognize(_canvas_image(_on_canvas("あ")), {"あ", "お", "め"}, top_k=5)

    assert [g.kana for g in result.guesses][0] == "あ"
    assert {g.kana for g in result.guesses} <= {"あ", "お", "め"}
    assert sum(g.probability for g in result.guesses) == pytest.approx(1.0)
    probabilities = [g.probability for g in result.guesses]
    assert probabilities == sorted(probabilities, reverse=True)


def test_top_k_limits_the_guesses():
    result = recognize(_canvas_image(_on_canvas("か")), HIRAGANA, top_k=3)

    assert len(result.guesses) == 3


def test_small_kana_is_told_by_its_size_on_the_canvas():
    pair = {"つ", "っ"}
    small = recognize(_on_canvas("つ", fill=0.3), pair, canvas_size=(CANVAS, CANVAS))
    full = recognize(_on_canvas("つ", fill=0.85), pair, canvas_size=(CANVAS, CANVAS))
    unknown = recognize(_on_canvas("つ", fill=0.3), pair)

    assert [g.kana for g in small.guesses] == ["っ", "つ"]
    assert [g.kana for g in full.guesses] == ["つ", "っ"]
    # Without a canvas size the full-size kana comes first, its twin second.
    assert [g.kana for g in unknown.guesses] == ["つ", "っ"]


def test_small_kana_image_is_told_by_its_size():
    result = recognize(
        _canvas_image(_on_canvas("ヤ", fill=0.25, at=(0.4, 0.6))), KATAKANA
    )

    assert result.guesses[0].kana == "ャ"


@pytest.mark.parametrize("kana", ["あ", "つ", "ヤ"])
def test_full_size_kana_drawn_at_under_half_the_canvas_stays_full_size(kana):
    allowed = KATAKANA if kana == "ヤ" else HIRAGANA
    result = recognize(_canvas_image(_on_canvas(kana, fill=0.42)), allowed)

    assert result.guesses[0].kana == kana


def test_every_writable_kana_can_be_recognized():
    known = recognizable_kana()

    assert HIRAGANA - {"ゔ", "ゕ", "ゖ"} <= known | {"ゔ", "ゕ", "ゖ"}
    assert {"ゐ", "ゑ", "ヰ", "ヱ", "ヴ", "ー", "ぁ", "ッ", "ヵ", "ゎ"} <= known
    assert len(known) == 177


@pytest.mark.parametrize(
    ("allowed", "message"),
    [("あ", "collection"), (["A", "1"], "at least one kana")],
)
def test_bad_allowed_is_refused(allowed, message):
    with pytest.raises(ValueError, match=message):
        recognize(_on_canvas("あ"), allowed)


def test_top_k_must_be_positive():
    with pytest.raises(ValueError, match="top_k"):
        recognize(_on_canvas("あ"), top_k=0)


def test_one_backend_per_process_even_across_threads():
    seen = []
    threads = [
        threading.Thread(target=lambda: seen.append(get_backend())) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(backend is get_backend() for backend in seen)
    assert get_backend().name == "cnn"


def test_warm_up_loads_the_backend():
    warm_up()

    assert get_backend().classes


def test_missing_model_file_fails_with_its_path(tmp_path):
    with pytest.raises(FileNotFoundError, match=str(tmp_path / "kana_cnn.onnx")):
        CnnBackend(tmp_path)
