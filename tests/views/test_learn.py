"""The Learn page and the app's entry script in AppTest."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from kana_app.kana.tables import select_kana

ENTRY = Path(__file__).parents[2] / "kana_app" / "streamlit_app.py"


def chart(at) -> dict:
    """Return the data the chart element draws: groups of cells, and the pick."""
    elements = at.get("bidi_component")
    (element,) = [e for e in elements if e.proto.id.endswith("-learn_chart")]
    return json.loads(element.proto.json)


def charted(at) -> dict[str, list[str]]:
    return {
        group["label"]: [cell["char"] for cell in group["cells"] if cell]
        for group in chart(at)["groups"]
    }


def test_the_app_opens_on_learn():
    at = AppTest.from_file(str(ENTRY), default_timeout=60).run()

    assert not at.exception
    assert at.title[0].value == "Learn"


def test_learn_opens_with_every_hiragana_chart_in_gojuon_order(open_page):
    at = open_page("learn")

    assert not at.exception
    shown = charted(at)
    assert shown["a row"] == list("あいうえお")
    assert shown["ya row"] == list("やゆよ")
    assert shown["Dakuten (゛)"][:5] == list("がぎぐげご")
    assert shown["Yoon (kya, sha, ...)"] == [
        k.char for k in select_kana("hiragana", ["yoon"])
    ]
    ya_row = next(g for g in chart(at)["groups"] if g["label"] == "ya row")
    cells = [cell and cell["char"] for cell in ya_row["cells"]]
    assert cells == ["や", None, "ゆ", None, "よ"]


def test_a_group_filter_leaves_only_its_chart(open_page):
    at = open_page("learn")
    at = at.sidebar.multiselect(key="learn_groups_hiragana").set_value(["ka"]).run()

    assert charted(at) == {"ka row": list("かきくけこ")}


def test_a_kana_up_close_shows_spellings_strokes_and_links(open_page, text_of):
    at = open_page("learn", kana="ふ")

    assert not at.exception
    detail = text_of(at, "learn_detail")
    assert "ふ" in detail
    assert "fu" in detail
    assert "hu" in detail
    assert "<svg" in text_of(at, "learn_strokes")
    assert chart(at)["selected"] == "ふ"
    links = {link.proto.query_string for link in at.get("page_link")}
    assert links == {"kana=%E3%81%B5"}

    at = at.button(key="replay").click().run()
    assert at.session_state["learn_replay"] == 1


def test_katakana_charts_include_extended_kana(open_page):
    at = open_page("learn")
    at = at.sidebar.radio(key="learn_script").set_value("katakana").run()

    assert not at.exception
    shown = charted(at)
    assert "ファ" in shown["Extended katakana"]
    assert shown["Long vowel mark"] == ["ー"]


def test_yoon_offers_reading_practice_only(open_page):
    at = open_page("learn", kana="きゃ")

    assert [link.proto.label for link in at.get("page_link")] == ["Practise reading it"]


def test_a_bad_link_on_learn_points_to_the_charts(open_page):
    at = open_page("learn", kana="<b>x</b>")

    assert not at.exception
    (warning,) = at.warning
    assert "not a kana\\. Pick one from the charts below" in warning.value
    assert "another one to practise" not in warning.value
    assert "kana" not in at.query_params


def test_an_empty_link_on_learn_says_nothing(open_page):
    at = open_page("learn", kana="")

    assert not at.exception
    assert not at.warning
    assert "kana" not in at.query_params
