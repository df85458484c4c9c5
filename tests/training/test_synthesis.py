"""Training data synthesis and held-out sets: deterministic, well-formed, tiny counts.

These tests need neither torch nor the Debian fonts: font samples are switched
off and the font check runs on made-up paths.
"""

import csv
import json

import numpy as np
import pytest
from PIL import Image

from kana_app.recognition.preprocess import INPUT_SIZE
from training import heldout
from training.dataset import REJECT, Mix, make_sample, plan_labels, shape_classes
from training.fonts import Font, check_fonts
from training.synth import ink_drawing, scribble, write_kana

NO_FONTS = Mix(strokes_as_image=0.8, strokes_as_points=0.2, fonts=0.0)


def test_classes_are_kana_shapes_without_small_twins_plus_scribble():
    classes = shape_classes()

    assert classes[-1] == REJECT
    assert len(classes) == 154
    assert {"あ", "つ", "ツ", "ゐ", "ヱ", "ヴ", "ー"} <= set(classes)
    assert not {"っ", "ッ", "ぁ", "ャ", "ヵ"} & set(classes)


def test_a_sample_depends_only_on_seed_and_index():
    first = make_sample("ぬ", 7, seed=1, mix=NO_FONTS)
    again = make_sample("ぬ", 7, seed=1, mix=NO_FONTS)
    other = make_sample("ぬ", 8, seed=1, mix=NO_FONTS)

    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


@pytest.mark.parametrize("label", ["あ", "ー", "ぱ", "ヲ", REJECT])
def test_samples_are_model_inputs_with_ink(label):
    sample = make_sample(label, 3, seed=5, mix=NO_FONTS)

    assert sample.shape == (INPUT_SIZE, INPUT_SIZE)
    assert sample.dtype == np.uint8
    assert sample.max() > 200  # white ink on black: 255 is full ink


def test_handwriting_varies_but_keeps_the_stroke_count():
    rng = np.random.default_rng(0)
    drawings = [write_kana("き", rng) for _ in range(5)]

    assert all(3 <= len(strokes) <= 4 for strokes in drawings)
    firsts = [strokes[0][0] for strokes in drawings]
    assert np.std(firsts, axis=0).max() > 0.5


def test_inked_drawings_are_pictures_of_many_kinds():
    rng = np.random.default_rng(3)
    pictures = [ink_drawing(write_kana("そ", rng), rng) for _ in range(40)]

    assert {p.mode for p in pictures} >= {"L", "RGBA"}
    assert len({p.size for p in pictures}) > 10


def test_scribbles_are_busy():
    rng = np.random.default_rng(4)
    for _ in range(20):
        strokes = scribble(rng)
        length = sum(np.linalg.norm(np.diff(s, axis=0), axis=1).sum() for s in strokes)
        # Longer than any single simple kana stroke would be (ー is about 80).
        assert length > 150


def test_plan_balances_classes_and_adds_scribbles():
    labels = plan_labels(per_class=10, reject_share=0.05, seed=0)
    counts = np.bincount(labels)

    assert (counts[:-1] == 10).all()
    assert counts[-1] == round(10 * 153 * 0.05)


def test_missing_fonts_name_their_debian_packages(tmp_path):
    fonts = (Font("fonts-example-one", str(tmp_path / "a.ttf")),)

    with pytest.raises(SystemExit, match="apt-get install fonts-example-one"):
        check_fonts(fonts)


def test_alternative_strokes_are_deterministic_canvas_points(tmp_path):
    first = heldout._strokes_alt(["ね", "ソ"], seed=3, repeats=2)
    again = heldout._strokes_alt(["ね", "ソ"], seed=3, repeats=2)

    assert [name for name, _, _ in first] == [name for name, _, _ in again]
    assert [data for _, _, data in first] == [data for _, _, data in again]
    points = np.concatenate([np.array(s) for s in first[0][2]])
    assert points.min() >= 0 and points.max() <= heldout.CANVAS


def test_held_out_set_is_written_in_the_evaluate_format(tmp_path):
    samples = heldout._strokes_alt(["ぬ"], seed=1, repeats=1)
    samples += heldout._small_kana(["ッ"], seed=1, repeats=2)

    count = heldout._write_set(tmp_path / "set", samples)

    with (tmp_path / "set" / "labels.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert count == len(rows) == 3
    assert [r["char"] for r in rows] == ["ぬ", "ッ", "ツ"]
    assert json.loads((tmp_path / "set" / rows[0]["file"]).read_text())
    with Image.open(tmp_path / "set" / rows[1]["file"]) as picture:
        assert picture.mode == "RGBA"
