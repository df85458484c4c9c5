"""The Learn page and the app's entry script in AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from kana_app.kana.tables import select_kana

ENTRY = Path(__file__).parents[2] / "kana_app" / "streamlit_app.py"


def cell(at, char: str):
    return at.button(key="learn_" + "_".join(f"{ord(c):04x}" for c in char))


def test_the_app_opens_on_learn():
    at = AppTest.from_file(str(ENTRY), default_timeout=60).run()

    assert not at.exception
    assert at.title[0].value == "Learn"


def test_learn_opens_with_every_hiragana_chart(open_page):
    at = open_page("learn")

    assert not at.exception
    for kana in select_kana("hiragana", ["a", "dakuten", "yoon"]):
        assert kana.char in cell(at, kana.char).label


def test_a_group_filter_leaves_only_its_chart(open_page):
    at = open_page("learn")
    at = at.sidebar.multiselect(key="learn_groups_hiragana").set_value(["ka"]).run()

    assert [s.value for s in at.main.subheader] == ["ka row"]
    assert cell(at, "き").label.startswith("き")


def test_picking_a_kana_shows_it_with_strokes_and_links(open_page, text_of):
    at = cell(open_page("learn"), "ふ").click().run()

    assert not at.exception
    detail = text_of(at, "learn_detail")
    assert "ふ" in detail
    assert "fu" in detail
    assert "hu" in detail
    assert text_of(at, "learn_strokes") is not None
    links = {link.proto.query_string for link in at.get("page_link")}
    assert links == {"kana=%E3%81%B5"}
    at = at.button(key="replay").click().run()
    assert at.session_state["learn_replay"] == 1


def test_katakana_charts_include_extended_kana(open_page):
    at = open_page("learn")
    at = at.sidebar.radio(key="learn_script").set_value("katakana").run()

    assert not at.exception
    assert cell(at, "ファ").label.startswith("ファ")
    assert cell(at, "ー").label.startswith("ー")


def test_yoon_offers_reading_practice_only(open_page):
    at = cell(open_page("learn"), "きゃ").click().run()

    assert [link.proto.label for link in at.get("page_link")] == ["Practise reading it"]
