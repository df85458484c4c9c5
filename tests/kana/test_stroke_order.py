import random

import numpy as np
import pytest

from benchmarks.strokes import jitter_strokes
from kana_app.kana.stroke_order import (
    StrokeReport,
    compare_strokes,
    stroke_names,
    variants_for,
)
from kana_app.kana.strokes import load_stroke_paths, stroke_points


def _on_canvas(strokes):
    """Place reference strokes on a 300 px canvas, as the Write page records them."""
    return [points * 2.5 + 15 for points in strokes]


def _kinds(report: StrokeReport):
    return [(note.kind, note.stroke) for note in report.notes]


@pytest.mark.parametrize("kana", sorted(load_stroke_paths()))
def test_the_reference_strokes_get_no_note(kana):
    report = compare_strokes(_on_canvas(stroke_points(kana)), kana)

    assert report.ok, report.notes


def test_jittered_good_writing_is_not_nagged():
    rng = random.Random(7)
    kana_list = ["あ", "か", "き", "な", "ほ", "ぼ", "ぱ", "キ", "ネ", "ヲ", "ヴ"]
    reports = [
        compare_strokes(jitter_strokes(stroke_points(kana), rng), kana)
        for kana in kana_list
        for _ in range(3)
    ]

    assert sum(not report.ok for report in reports) <= 1


def test_a_reversed_stroke_is_named_with_its_direction():
    strokes = _on_canvas(stroke_points("キ"))
    strokes[2] = strokes[2][::-1]

    report = compare_strokes(strokes, "キ")

    assert _kinds(report) == [("direction", 3)]
    assert report.notes[0].message == (
        "Stroke 3 (the vertical stroke) goes top to bottom; you drew it the other "
        "way round."
    )


def test_two_swapped_strokes_are_named_in_their_order():
    strokes = _on_canvas(stroke_points("か"))
    strokes[1], strokes[2] = strokes[2], strokes[1]

    report = compare_strokes(strokes, "か")

    assert _kinds(report) == [("order", 2)]
    assert report.notes[0].message.startswith("Draw stroke 2 (")
    assert "before stroke 3 (" in report.notes[0].message


def test_two_joined_strokes_say_to_lift_the_pen():
    strokes = _on_canvas(stroke_points("け"))
    strokes[0:2] = [np.concatenate(strokes[0:2])]

    report = compare_strokes(strokes, "け")

    assert _kinds(report) == [("merge", 1)]
    assert report.notes[0].message.startswith("3 strokes expected, you drew 2: ")
    assert "lift the pen" in report.notes[0].message


def test_a_missing_stroke_is_counted_and_named():
    strokes = _on_canvas(stroke_points("か"))
    del strokes[2]

    report = compare_strokes(strokes, "か")

    assert _kinds(report) == [("count", 3)]
    assert report.notes[0].message.startswith("3 strokes expected, you drew 2: ")
    assert report.notes[0].message.endswith("is missing.")


def test_a_stroke_drawn_in_two_pieces_is_named():
    strokes = _on_canvas(stroke_points("し"))
    half = len(strokes[0]) // 2
    strokes = [strokes[0][: half + 1], strokes[0][half:]]

    report = compare_strokes(strokes, "し")

    assert _kinds(report) == [("split", 1)]
    assert "in one go" in report.notes[0].message


def test_far_too_many_strokes_only_give_the_count():
    strokes = _on_canvas(stroke_points("い")) * 3

    report = compare_strokes(strokes, "い")

    assert [note.message for note in report.notes] == [
        "2 strokes expected, you drew 6."
    ]


def test_an_empty_drawing_gives_the_count():
    report = compare_strokes([], "あ")

    assert report.notes[0].message == "3 strokes expected, you drew 0."


def test_a_different_kana_is_not_read_as_stroke_faults():
    report = compare_strokes(_on_canvas(stroke_points("ソ")), "ン")

    assert not report.ok
    assert report.notes[0].kind in {"shape", "order", "direction", "position"}
    assert len(report.notes) <= 3


def test_a_stroke_started_in_the_wrong_place_gets_a_position_note():
    strokes = _on_canvas(stroke_points("キ"))
    # The vertical stroke started below the lower horizontal instead of above
    # the upper one.
    vertical = strokes[2]
    strokes[2] = vertical[len(vertical) // 2 :]

    report = compare_strokes(strokes, "キ")

    assert [note.kind for note in report.notes] == ["position"]
    assert report.notes[0].message == "Start stroke 3 (the vertical stroke) higher."


@pytest.mark.parametrize(
    ("kana", "joined"),
    [("き", 3), ("さ", 2), ("ざ", 2), ("り", 1), ("が", 4), ("ぼ", 5)],
)
def test_accepted_joins_pass(kana, joined):
    strokes = _on_canvas(stroke_points(kana))
    pair = slice(joined - 1, joined + 1)
    strokes[pair] = [np.concatenate(strokes[pair])]

    assert compare_strokes(strokes, kana).ok


def test_so_written_in_two_strokes_passes():
    (stroke,) = _on_canvas(stroke_points("そ"))
    strokes = [stroke[:12], stroke[11:]]

    assert compare_strokes(strokes, "そ").ok


@pytest.mark.parametrize("kana", ["ヒ", "ビ"])
def test_hi_with_its_vertical_first_passes(kana):
    strokes = _on_canvas(stroke_points(kana))
    strokes[0], strokes[1] = strokes[1], strokes[0]

    assert compare_strokes(strokes, kana).ok


def test_dakuten_marks_in_either_order_and_direction_pass():
    strokes = _on_canvas(stroke_points("ば"))
    strokes[3], strokes[4] = strokes[4][::-1], strokes[3][::-1]

    assert compare_strokes(strokes, "ば").ok


def test_handakuten_circle_either_way_round_passes():
    strokes = _on_canvas(stroke_points("ぱ"))
    strokes[3] = strokes[3][::-1]

    assert compare_strokes(strokes, "ぱ").ok


def test_voiced_kana_inherit_their_base_variants():
    assert variants_for("ぎ").joins == {3, 5}
    assert variants_for("ビ").free_order == {(1, 2), (3, 4)}
    assert variants_for("ぴ").free_direction == {2}


def test_strokes_are_named_by_shape_and_told_apart():
    assert stroke_names("キ") == [
        "the upper horizontal stroke",
        "the lower horizontal stroke",
        "the vertical stroke",
    ]
    assert stroke_names("が")[3:] == [
        "the left dakuten mark",
        "the right dakuten mark",
    ]
    assert stroke_names("ぽ")[-1] == "the handakuten circle"


def test_points_that_are_not_finite_or_empty_strokes_are_dropped():
    strokes = _on_canvas(stroke_points("く"))
    strokes[0] = np.vstack([strokes[0], [[np.nan, 1.0]]])

    assert compare_strokes([*strokes, np.empty((0, 2))], "く").ok


def test_unknown_kana_and_bad_strokes_raise_value_error():
    with pytest.raises(ValueError, match="kana"):
        compare_strokes([], "x")
    with pytest.raises(ValueError, match="drawn"):
        compare_strokes([np.zeros((3, 3))], "く")


def test_a_different_kana_gets_the_shape_note_without_contradictions():
    report = compare_strokes(_on_canvas(stroke_points("の")), "む")

    kinds = [note.kind for note in report.notes]
    assert kinds == ["shape", "count"]
    assert report.notes[1].message == "3 strokes expected, you drew 1."
