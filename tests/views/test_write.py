"""The Write page in AppTest: drawings go in through the canvas's session state."""

from __future__ import annotations

import pytest

from kana_app.kana.tables import writable_kana

# The Write page's canvas side, in CSS pixels.
CANVAS_SIZE = 300


def draw(at, drawing: dict | None):
    """Put a drawing on the page's canvas, as the browser component would."""
    key = f"canvas_{at.session_state['write_canvas']}"
    at.session_state[key] = {"drawing": {"raw": drawing, "data": None}}
    return at


def check(at):
    return at.button(key="check").click().run()


def test_write_opens_in_a_fresh_session(open_page, text_of):
    at = open_page("write")

    assert not at.exception
    assert "in hiragana" in text_of(at, "prompt")
    assert at.session_state["write_kana"]


def test_deep_link_asks_that_kana_in_its_script(open_page, text_of):
    at = open_page("write", kana="ヘ")

    assert not at.exception
    assert "**he** in katakana" in text_of(at, "prompt")
    assert at.sidebar.radio(key="write_script").value == "katakana"


def test_the_prompted_kana_drawn_well_is_right(open_page, text_of, drawing_of):
    at = check(draw(open_page("write", kana="か"), drawing_of("か")))

    assert not at.exception
    assert "Right" in text_of(at, "verdict_right")
    assert "The recognizer saw: か" in text_of(at, "verdict_right")
    assert text_of(at, "stroke_feedback") is not None
    assert at.metric[0].value == "1 / 1"


def test_katakana_he_is_not_taken_for_hiragana(open_page, text_of, drawing_of):
    at = check(draw(open_page("write", kana="ヘ"), drawing_of("ヘ")))

    assert "Right" in text_of(at, "verdict_right")


def test_another_kana_is_wrong_and_shows_the_right_one(open_page, text_of, drawing_of):
    at = check(draw(open_page("write", kana="か"), drawing_of("の")))

    verdict = text_of(at, "verdict_wrong")
    assert "Not quite" in verdict
    assert "か" in verdict
    assert text_of(at, "verdict_right") is None
    assert at.metric[0].value == "0 / 1"

    at = at.button(key="show_me").click().run()
    assert not at.exception
    assert at.session_state["write_show_me"] == 1


def test_check_on_an_empty_canvas_asks_for_a_drawing(open_page, text_of):
    at = check(draw(open_page("write", kana="か"), {"objects": []}))

    assert "Draw the kana first" in text_of(at, "not_a_kana")
    assert at.metric[0].value == "0 / 0"


def test_check_before_any_stroke_asks_for_a_drawing(open_page, text_of):
    at = check(open_page("write", kana="か"))

    assert not at.exception
    assert "Draw the kana first" in text_of(at, "not_a_kana")


def test_a_dot_is_not_graded(open_page, text_of):
    dot = {"objects": [{"type": "Path", "path": [["M", 150, 150], ["L", 152, 151]]}]}
    at = check(draw(open_page("write", kana="か"), dot))

    assert "dot" in text_of(at, "not_a_kana")
    assert at.metric[0].value == "0 / 0"


def test_a_scribble_is_not_graded(open_page, text_of):
    points = [(30 + 240 * (i % 2), 30 + 8 * i) for i in range(30)]
    zigzag = [["M", 30, 30]] + [["L", x, y] for x, y in points]
    scribble = {"objects": [{"type": "Path", "path": zigzag}]}
    at = check(draw(open_page("write", kana="か"), scribble))

    assert "does not look like any kana" in text_of(at, "not_a_kana")
    assert at.metric[0].value == "0 / 0"


def test_the_same_drawing_checked_twice_counts_once(open_page, text_of, drawing_of):
    at = check(draw(open_page("write", kana="か"), drawing_of("か")))
    at = check(at)

    assert "Right" in text_of(at, "verdict_right")
    assert at.metric[0].value == "1 / 1"


def test_new_kana_gives_a_fresh_prompt_and_a_clean_canvas(
    open_page, text_of, drawing_of
):
    at = check(draw(open_page("write", kana="か"), drawing_of("か")))
    canvas = at.session_state["write_canvas"]

    at = at.button(key="new_kana").click().run()

    assert not at.exception
    assert at.session_state["write_canvas"] == canvas + 1
    assert at.session_state["write_kana"] != "か"
    assert text_of(at, "verdict_right") is None
    assert at.metric[0].value == "1 / 1"


@pytest.mark.parametrize(
    ("link", "message"),
    [("きゃ", "single kana"), ("ー", "single kana"), ("nope", "not a kana")],
)
def test_a_link_write_cannot_ask_gets_a_message(open_page, text_of, link, message):
    at = open_page("write", kana=link)

    assert not at.exception
    assert any(message in w.value for w in at.warning)
    assert text_of(at, "prompt")


def drawn_at(drawing: dict, size: float) -> dict:
    """Return ``drawing`` shrunk to ``size`` of the canvas, at its centre."""
    centre = CANVAS_SIZE / 2

    def move(value: float) -> float:
        return round(centre + (value - centre) * size, 2)

    objects = [
        {**obj, "path": [[cmd, *map(move, xy)] for cmd, *xy in obj["path"]]}
        for obj in drawing["objects"]
    ]
    return {**drawing, "objects": objects}


def test_small_tsu_is_told_from_big_tsu_by_its_size(open_page, text_of, drawing_of):
    small = check(draw(open_page("write", kana="っ"), drawn_at(drawing_of("つ"), 0.3)))
    big = check(draw(open_page("write", kana="っ"), drawing_of("つ")))

    assert "Right" in text_of(small, "verdict_right")
    assert "looks like つ" not in text_of(big, "verdict_wrong")
    assert "drawn big: つ is the full-size kana" in text_of(big, "verdict_wrong")
    assert "Draw っ small" in text_of(big, "verdict_wrong")


def test_a_full_size_kana_drawn_small_is_told_to_grow(open_page, text_of, drawing_of):
    at = check(draw(open_page("write", kana="あ"), drawn_at(drawing_of("あ"), 0.3)))

    verdict = text_of(at, "verdict_wrong")
    assert "Right shape, but drawn small: ぁ is the small kana." in verdict
    assert "Draw あ bigger, filling most of the box." in verdict
    assert at.metric[0].value == "0 / 1"


def test_a_small_kana_prompt_says_to_draw_it_small(open_page, text_of):
    small = open_page("write", kana="ッ")
    full = open_page("write", kana="ツ")

    assert "Draw it small, about a third of the box" in text_of(small, "prompt")
    assert "ツ is the full-size one" in text_of(small, "prompt")
    assert "small" not in text_of(full, "prompt")


def test_a_recognizer_that_cannot_load_is_explained(open_page, monkeypatch):
    from kana_app import recognition
    from kana_app.views import shared

    def missing_model() -> None:
        raise FileNotFoundError("kana_app/recognition/models/kana_cnn.onnx")

    monkeypatch.setattr(recognition, "warm_up", missing_model)
    shared.warm_recognizer.clear()
    try:
        at = open_page("write")
    finally:
        shared.warm_recognizer.clear()

    assert not at.exception
    assert "recognizer did not load" in at.error[0].value
    assert at.button(key="check")


def test_switching_script_asks_a_kana_of_that_script(open_page, text_of):
    at = open_page("write", kana="か")
    at = at.sidebar.radio(key="write_script").set_value("katakana").run()

    assert not at.exception
    assert "in katakana" in text_of(at, "prompt")
    assert at.session_state["write_kana"] in {k.char for k in writable_kana("katakana")}


def test_no_group_chosen_asks_for_one(open_page):
    at = open_page("write")
    at = at.sidebar.multiselect(key="write_groups_hiragana").set_value([]).run()

    assert not at.exception
    assert "Choose at least one group" in at.info[0].value


def test_a_prompt_is_scored_once_and_later_checks_are_practice(
    open_page, text_of, drawing_of
):
    at = check(draw(open_page("write", kana="か"), drawing_of("か")))
    assert at.metric[0].value == "1 / 1"
    assert text_of(at, "practice_only") is None

    one_more_stroke = drawing_of("か")
    one_more_stroke["objects"].append(drawing_of("い")["objects"][0])
    at = check(draw(at, one_more_stroke))
    assert text_of(at, "verdict_right") or text_of(at, "verdict_wrong")
    assert "already scored" in text_of(at, "practice_only")
    assert at.metric[0].value == "1 / 1"

    at = check(draw(at.button(key="clear").click().run(), drawing_of("の")))
    assert "Not quite" in text_of(at, "verdict_wrong")
    assert "already scored" in text_of(at, "practice_only")
    assert at.metric[0].value == "1 / 1"
    assert at.metric[1].value == "1"
    assert not any("Missed so far" in c.value for c in at.caption)


def test_a_miss_stays_a_miss_when_redrawn_right(open_page, text_of, drawing_of):
    at = check(draw(open_page("write", kana="か"), drawing_of("の")))
    at = check(draw(at.button(key="clear").click().run(), drawing_of("か")))

    assert "Right" in text_of(at, "verdict_right")
    assert "Press New kana" in text_of(at, "practice_only")
    assert at.metric[0].value == "0 / 1"
    assert "Missed so far" in at.caption[-1].value


def test_new_kana_is_scored_again(open_page, text_of, drawing_of):
    at = check(draw(open_page("write", kana="か"), drawing_of("か")))
    at = at.button(key="new_kana").click().run()
    at = check(draw(at, drawing_of(at.session_state["write_kana"])))

    assert text_of(at, "practice_only") is None
    assert at.metric[0].value.endswith("/ 2")


def test_a_rare_kana_link_is_called_a_kana_not_taught_here(open_page, text_of):
    at = open_page("write", kana="ゔ")

    assert not at.exception
    (warning,) = at.warning
    assert "a kana this app does not practise" in warning.value
    assert "not a kana" not in warning.value
    assert "Learn page lists them all" in warning.value
    assert text_of(at, "prompt")


def test_a_link_with_two_kana_opens_the_first_and_keeps_only_it(open_page, text_of):
    at = open_page("write", kana=["か", "き"])

    assert not at.exception
    assert "**ka** in hiragana" in text_of(at, "prompt")
    assert at.query_params["kana"] == "か"
    assert not at.warning


def test_an_empty_kana_link_is_no_link(open_page, text_of):
    at = open_page("write", kana="")

    assert not at.exception
    assert not at.warning
    assert text_of(at, "prompt")
    assert at.query_params["kana"] == at.session_state["write_kana"]
