"""The Read page in AppTest: prompts, every spelling, and bad answers."""

from __future__ import annotations

import pytest


def answer(at, text: str):
    at.text_input(key="answer").input(text)
    return at.button(key="check").click().run()


def test_read_opens_in_a_fresh_session(open_page, text_of):
    at = open_page("read")

    assert not at.exception
    assert text_of(at, "prompt")
    assert at.text_input(key="answer").value == ""
    assert at.sidebar.radio(key="read_script").value == "hiragana"


def test_deep_link_opens_the_yoon_and_its_script(open_page, text_of):
    at = open_page("read", kana="キャ")

    assert not at.exception
    assert "キャ" in text_of(at, "prompt")
    assert at.sidebar.radio(key="read_script").value == "katakana"
    assert "yoon" in at.sidebar.multiselect(key="read_groups_katakana").value


@pytest.mark.parametrize(
    ("kana", "typed"),
    [
        ("ふ", "fu"),
        ("ふ", "hu"),
        ("し", "si"),
        ("ん", "nn"),
        ("を", "o"),
        ("か", "ＫＡ "),
    ],
)
def test_every_accepted_spelling_is_right(open_page, text_of, kana, typed):
    at = answer(open_page("read", kana=kana), typed)

    assert not at.exception
    assert "Right" in text_of(at, "verdict_right")
    assert text_of(at, "verdict_wrong") is None
    assert at.metric[0].value == "1 / 1"


def test_wrong_answer_shows_the_right_spelling_and_is_missed(open_page, text_of):
    at = answer(open_page("read", kana="ぴょ"), "piyo")

    verdict = text_of(at, "verdict_wrong")
    assert "pyo" in verdict
    assert text_of(at, "verdict_right") is None
    assert at.metric[0].value == "0 / 1"
    assert "ぴょ" in at.caption[-1].value


def test_a_graded_answer_moves_on_to_another_kana(open_page, text_of):
    at = open_page("read", kana="か")
    at = answer(at, "ka")

    assert "か" not in text_of(at, "prompt")
    assert "Right" in text_of(at, "verdict_right")


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("", "Type the romaji first"),
        ("a" * 10_000, "too long"),
        ("か", "Latin letters"),
    ],
)
def test_bad_answers_get_a_hint_and_keep_the_kana(open_page, text_of, typed, hint):
    at = answer(open_page("read", kana="か"), typed)

    assert not at.exception
    assert hint in text_of(at, "answer_hint")
    assert "か" in text_of(at, "prompt")
    assert at.metric[0].value == "0 / 0"


def test_html_in_the_answer_is_shown_as_text(open_page, text_of):
    at = answer(open_page("read", kana="か"), "<script>alert(1)</script>")

    verdict = text_of(at, "verdict_wrong")
    # Escaped for markdown, so the browser shows the characters themselves.
    assert r"\<script\>" in verdict
    assert "<script>" not in verdict


def test_missed_kana_stay_in_the_session(open_page, text_of):
    at = open_page("read", kana="ね")
    at = answer(at, "re")
    at = answer(at, "xx")

    assert at.metric[0].value == "0 / 2"
    assert at.metric[1].value == "0"
    assert "ね" in at.caption[-1].value


@pytest.mark.parametrize("link", ["xyz", "<script>", "か" * 500, "漢"])
def test_a_bad_deep_link_gets_a_message(open_page, text_of, link):
    at = open_page("read", kana=link)

    assert not at.exception
    assert any("not a kana" in w.value for w in at.warning)
    assert text_of(at, "prompt")


def test_the_score_says_it_lasts_only_this_session(open_page):
    at = open_page("read", kana="ね")

    assert "a reload or a new tab starts again from zero" in at.metric[0].proto.help
