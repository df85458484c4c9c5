"""Read in a real browser: type answers, good and bad."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def answer(page: Page, text: str, wait_for_app) -> None:
    box = page.locator(".st-key-answer input")
    box.fill(text)
    box.press("Enter")
    wait_for_app(page)


def test_typed_answers_are_graded(page, open_app, wait_for_app, screenshot):
    open_app(page, "/read?kana=きゃ")
    expect(page.locator(".st-key-prompt")).to_contain_text("きゃ")

    answer(page, "kya", wait_for_app)
    expect(page.locator(".st-key-verdict_right")).to_contain_text("Right")
    expect(page.locator(".st-key-answer input")).to_have_value("")
    expect(page.locator(".st-key-prompt")).not_to_contain_text("きゃ")

    answer(page, "qq", wait_for_app)
    wrong = page.locator(".st-key-verdict_wrong")
    expect(wrong).to_contain_text("Not quite")
    expect(wrong).to_contain_text("you typed “qq”")
    expect(page.get_by_text("Missed so far")).to_be_visible()
    screenshot(page, "read.png")


def test_html_and_huge_answers_are_shown_as_text(page, open_app, wait_for_app):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, "/read?kana=か")

    answer(page, "<img src=x onerror=alert(1)>", wait_for_app)
    expect(page.locator(".st-key-verdict_wrong")).to_contain_text(
        "you typed “<img src=x onerror=alert(1)>”"
    )
    assert page.locator(".st-key-verdict_wrong img").count() == 0

    answer(page, "a" * 10_000, wait_for_app)
    expect(page.locator(".st-key-answer_hint")).to_contain_text("too long")
    assert dialogs == []


def test_kana_and_full_width_letters(page, open_app, wait_for_app):
    open_app(page, "/read?kana=か")

    answer(page, "か", wait_for_app)
    expect(page.locator(".st-key-answer_hint")).to_contain_text("Latin letters")

    answer(page, "ＫＡ", wait_for_app)
    expect(page.locator(".st-key-verdict_right")).to_contain_text("Right")


def test_a_bad_link_gets_a_message(page, open_app):
    open_app(page, "/read?kana=%3Cb%3Ebold%3C%2Fb%3E")

    expect(page.get_by_text("which is not a kana")).to_be_visible()
    expect(page.locator(".st-key-prompt")).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def test_back_returns_to_the_kana_shown_before(page, open_app, wait_for_app):
    open_app(page, "/read?kana=ね")
    answer(page, "ne", wait_for_app)
    expect(page.locator(".st-key-prompt")).not_to_contain_text("ね")

    # Each kana is its own history entry, as documented in show_kana_in_url.
    page.go_back()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/read\?kana=%E3%81%AD$"))
    expect(page.locator(".st-key-prompt")).to_contain_text("ね")
