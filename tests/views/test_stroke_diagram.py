import xml.etree.ElementTree as ET

import pytest

from kana_app.kana.strokes import load_stroke_paths, stroke_paths
from kana_app.views.stroke_diagram import (
    animated_strokes_html,
    numbered_strokes_html,
    show_me_html,
)

SVG = "{http://www.w3.org/2000/svg}"


def _animated_paths(svg: ET.Element) -> list[ET.Element]:
    return [p for p in svg.iter(f"{SVG}path") if p.get("class") == "stroke"]


@pytest.mark.parametrize("kana", sorted(load_stroke_paths()))
def test_every_kana_animates_one_path_per_stroke_in_order(kana):
    svg = ET.fromstring(animated_strokes_html(kana))

    paths = _animated_paths(svg)
    assert [p.get("d") for p in paths] == stroke_paths(kana)
    assert [p.get("data-stroke") for p in paths] == [
        str(i + 1) for i in range(len(paths))
    ]


def test_strokes_start_one_after_another():
    paths = _animated_paths(ET.fromstring(animated_strokes_html("あ")))

    delays = [
        float(p.get("style").split("animation-delay:")[1].split("s")[0]) for p in paths
    ]
    assert delays == sorted(delays) and len(set(delays)) == len(delays)
    assert all("stroke-dashoffset" in p.get("style") for p in paths)


def test_the_animation_is_self_contained_and_scales_down():
    markup = animated_strokes_html("か", size=300)
    svg = ET.fromstring(markup)

    assert svg.get("width") == "300" and svg.get("viewBox") == "0 0 109 109"
    assert "max-width:100%" in svg.get("style")
    assert "@keyframes" in svg.find(f"{SVG}style").text
    assert "http" not in markup.replace("http://www.w3.org/2000/svg", "")
    assert "<script" not in markup and "href" not in markup


def test_a_new_replay_key_renames_the_animation():
    first = ET.fromstring(animated_strokes_html("か", replay_key=1))
    second = ET.fromstring(animated_strokes_html("か", replay_key=2))

    assert first.get("id") != second.get("id")
    assert first.get("id") in first.find(f"{SVG}style").text


def test_show_me_is_transparent_and_ignores_the_pointer():
    svg = ET.fromstring(show_me_html("ぬ", replay_key=3))

    assert "pointer-events:none" in svg.get("style")
    assert svg.find(f"{SVG}rect") is None
    assert len(_animated_paths(svg)) == len(stroke_paths("ぬ"))


@pytest.mark.parametrize("kana", ["か", "ぽ", "ヴ", "ー"])
def test_numbered_diagram_numbers_every_stroke_near_its_start(kana):
    svg = ET.fromstring(numbered_strokes_html(kana))

    numbers = [t.text for t in svg.iter(f"{SVG}text")]
    assert numbers == [str(i + 1) for i in range(len(stroke_paths(kana)))]
    circles = svg.iter(f"{SVG}circle")
    starts = [(float(c.get("cx")), float(c.get("cy"))) for c in circles]
    for text, (x, y) in zip(svg.iter(f"{SVG}text"), starts, strict=True):
        distance = ((float(text.get("x")) - x) ** 2 + (float(text.get("y")) - y) ** 2)
        assert distance**0.5 < 14


@pytest.mark.parametrize("kana", ["", "<b>", "かか", "a", None, "きゃ"])
def test_only_kana_with_stroke_data_are_drawn(kana):
    with pytest.raises(ValueError, match="kana"):
        animated_strokes_html(kana)
    with pytest.raises(ValueError, match="kana"):
        numbered_strokes_html(kana)


@pytest.mark.parametrize("size", [0, 5000, "220", 2.5])
def test_bad_sizes_raise_value_error(size):
    with pytest.raises(ValueError, match="size"):
        animated_strokes_html("か", size=size)
