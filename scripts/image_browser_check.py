"""Open the app's pages in Debian's chromium, as a learner would.

Usage: python scripts/image_browser_check.py http://127.0.0.1:PORT

Used by scripts/image_test.sh against the container; only requests to
127.0.0.1 leave the browser. Exits non-zero, naming the page, on failure.
"""

from __future__ import annotations

import sys

from playwright.sync_api import expect, sync_playwright

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS, keep_to_loopback

TIMEOUT_MS = 30_000
# Each page path, and what shows it rendered from the server's script run.
PAGES = {
    "/learn": "h1",
    "/write": '[class*="st-key-canvas"] canvas.upper-canvas',
    "/read": ".st-key-answer input",
}


def check_pages(base_url: str) -> None:
    """Open every page; fail if one does not render or shows an exception."""
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS)
        )
        context = browser.new_context(base_url=base_url)
        context.route("**/*", keep_to_loopback)
        page = context.new_page()

        for path, selector in PAGES.items():
            page.goto(path)
            expect(
                page.locator(selector).first, f"{path} did not render"
            ).to_be_visible()
            expect(page.locator('[data-testid="stException"]')).to_have_count(0)

        browser.close()


if __name__ == "__main__":
    check_pages(sys.argv[1])
    print(f"pages render in chromium: {', '.join(PAGES)}")
