"""Learn in a real browser: the charts, a kana up close, and its practice links."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_learn_opens_a_kana_and_links_to_practice(
    page, open_app, wait_for_app, screenshot
):
    open_app(page, "/learn")
    expect(page.locator(".st-key-learn_3042 button")).to_contain_text("あ")

    page.locator(".st-key-learn_3075 button").click()
    wait_for_app(page)

    detail = page.locator(".st-key-learn_detail")
    expect(detail).to_contain_text("fu")
    expect(detail).to_contain_text("Also accepted: hu")
    expect(detail.locator("svg").first).to_be_visible()
    page.wait_for_function(
        "() => document.getAnimations().every(a => a.playState === 'finished')"
    )
    screenshot(page, "learn.png")

    page.get_by_role("link", name="Practise writing it").click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/write\?kana="))
    expect(page.locator(".st-key-prompt")).to_contain_text("fu")
