"""Write in a real browser: draw along KanjiVG strokes with the mouse, then Check."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

CANVAS = '[class*="st-key-canvas"] canvas.upper-canvas'
PHONE = {"width": 390, "height": 844}


def check(page: Page) -> None:
    page.locator(".st-key-check button").click()


def test_drawing_the_prompted_kana_is_right(
    page, open_app, prompted_kana, draw_kana, screenshot
):
    open_app(page, "/write")
    kana = prompted_kana(page)

    draw_kana(page, kana)
    check(page)

    verdict = page.locator(".st-key-verdict_right")
    expect(verdict).to_contain_text("Right")
    expect(verdict).to_contain_text(f"The recognizer saw: {kana}")
    expect(page.locator(".st-key-stroke_feedback")).to_be_visible()
    screenshot(page, "write_right.png")


def test_drawing_another_kana_is_wrong_and_show_me_animates(
    page, open_app, draw_kana, wait_for_app, screenshot
):
    open_app(page, "/write?kana=か")

    draw_kana(page, "の")
    check(page)

    verdict = page.locator(".st-key-verdict_wrong")
    expect(verdict).to_contain_text("Not quite")
    expect(verdict).to_contain_text("か")
    expect(page.locator(".st-key-verdict_right")).to_have_count(0)

    page.locator(".st-key-show_me button").click()
    wait_for_app(page)
    overlay = page.locator(".st-key-show_me_overlay svg")
    expect(overlay).to_be_visible()
    assert overlay.bounding_box() == page.locator(CANVAS).bounding_box()
    # Let the strokes finish drawing before the picture is taken.
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState === 'finished')"
    )
    screenshot(page, "write_wrong.png")


def test_check_on_an_empty_canvas_asks_for_a_drawing(page, open_app):
    open_app(page, "/write?kana=か")

    check(page)

    expect(page.locator(".st-key-not_a_kana")).to_contain_text("Draw the kana first")
    expect(page.locator(".st-key-verdict_wrong")).to_have_count(0)


def test_a_stroke_finished_just_before_check_is_graded(
    page, open_app, strokes_on_canvas, draw_strokes
):
    open_app(page, "/write?kana=け")
    strokes = strokes_on_canvas("け")
    assert len(strokes) == 3

    draw_strokes(page, strokes[:-1])
    page.wait_for_timeout(500)
    # The canvas sends a drawing 200 ms after the last change; Check comes
    # at once, well inside that window.
    draw_strokes(page, strokes[-1:])
    check(page)

    verdict = page.locator('[class*="st-key-verdict_"]')
    expect(verdict).to_contain_text("you drew 3 strokes")
    expect(page.locator(".st-key-verdict_right")).to_be_visible()


def test_new_kana_gives_a_clean_canvas(page, open_app, draw_kana, wait_for_app):
    open_app(page, "/write?kana=く")
    draw_kana(page, "く")
    check(page)
    expect(page.locator(".st-key-verdict_right")).to_be_visible()

    page.locator(".st-key-new_kana button").click()
    wait_for_app(page)

    expect(page.locator(".st-key-verdict_right")).to_have_count(0)
    expect(page.locator(".st-key-prompt")).not_to_contain_text(" ku ")
    check(page)
    expect(page.locator(".st-key-not_a_kana")).to_contain_text("Draw the kana first")


def test_the_first_stroke_counts_when_write_is_opened_first(
    page, open_app, draw_kana
):
    open_app(page, "/write?kana=し")

    draw_kana(page, "し")
    check(page)

    expect(page.locator(".st-key-verdict_right")).to_contain_text("you drew 1 stroke")


@pytest.mark.parametrize("entry", ["/", "/learn", "/home"])
def test_the_first_stroke_counts_after_coming_from_the_default_page(
    page, open_app, prompted_kana, draw_kana, wait_for_app, entry
):
    # "/" is the default page, a hidden hop to Learn; "/home" is its own path,
    # which Streamlit answers with "Page not found" before the same hop.
    open_app(page, entry)
    expect(page).to_have_url(re.compile(r"/learn$"))
    if entry == "/home":
        dialog = page.get_by_role("dialog")
        expect(dialog).to_contain_text("Page not found")
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
    page.get_by_role("link", name="Write").click()
    wait_for_app(page)

    expect(page.locator(CANVAS)).to_be_visible()
    draw_kana(page, prompted_kana(page))
    check(page)

    expect(page.locator('[class*="st-key-verdict_"]')).to_contain_text("you drew")


def test_two_learners_checking_at_once_get_their_own_verdicts(
    new_context, open_app, draw_strokes, strokes_on_canvas
):
    first = open_app(new_context().new_page(), "/write?kana=か")
    second = open_app(new_context().new_page(), "/write?kana=ね")

    # Stroke by stroke, taking turns, then both press Check together.
    ka, ne = strokes_on_canvas("か"), strokes_on_canvas("ね")
    for index in range(max(len(ka), len(ne))):
        draw_strokes(first, ka[index : index + 1])
        draw_strokes(second, ne[index : index + 1])
    first.locator(".st-key-check button").click(no_wait_after=True)
    second.locator(".st-key-check button").click(no_wait_after=True)

    expect(first.locator(".st-key-verdict_right")).to_contain_text("That is か")
    expect(second.locator(".st-key-verdict_right")).to_contain_text("That is ね")


def test_a_finger_writes_on_a_phone(new_context, open_app, touch_kana, screenshot):
    phone = new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()
    page = open_app(phone, "/write?kana=さ")

    box = page.locator(CANVAS).bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]

    touch_kana(page, "さ")
    page.locator(".st-key-check button").tap()
    expect(page.locator(".st-key-verdict_right")).to_be_visible()
    screenshot(page, "write_phone.png")

