"""Stroke order in a real browser: animated strokes on Learn, notes on Write."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_learn_animates_the_strokes_of_the_chosen_kana(page: Page, open_app):
    open_app(page, "/learn")
    page.locator(".st-key-learn_304b button").first.click()

    strokes = page.locator(".st-key-learn_strokes svg path.stroke")
    expect(strokes.first).to_be_visible()
    # か: one animated path per stroke, plus the numbered diagram's three.
    animated = page.locator(".st-key-learn_strokes svg path.stroke[data-stroke]")
    expect(animated).to_have_count(3)
    names = animated.evaluate_all(
        "paths => paths.map(p => getComputedStyle(p).animationName)"
    )
    assert all(name.startswith("draw-kana-strokes-304b") for name in names)
    expect(page.locator(".st-key-learn_strokes svg text")).to_have_text(["1", "2", "3"])


def test_write_names_a_reversed_stroke(
    page: Page, open_app, strokes_on_canvas, draw_strokes
):
    strokes = strokes_on_canvas("キ")
    strokes[2] = strokes[2][::-1]

    open_app(page, "/write?kana=キ")
    draw_strokes(page, strokes)
    page.locator(".st-key-check button").click()

    feedback = page.locator(".st-key-stroke_feedback")
    expect(feedback).to_contain_text(
        "Stroke 3 (the vertical stroke) goes top to bottom; you drew it the other "
        "way round."
    )
