"""Stroke order in a real browser: animated strokes on Learn, notes on Write."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
# The canvas sends strokes about 200 ms after the last change.
CANVAS_DEBOUNCE_MS = 500


# TODO: this module starts its own server and browser; move to the shared
# browser fixtures in tests/conftest.py once they exist.
@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "kana_app" / "streamlit_app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the app did not start") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def page(app_url: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1100, "height": 1300})
        context.route(
            "**/*",
            lambda route: route.continue_()
            if route.request.url.startswith("http://127.0.0.1")
            else route.abort(),
        )
        yield context.new_page()
        browser.close()


def test_learn_animates_the_strokes_of_the_chosen_kana(page: Page, app_url: str):
    page.goto(f"{app_url}/learn")
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
    expect(page.locator(".st-key-learn_strokes svg text")).to_have_text(
        ["1", "2", "3"]
    )


def test_write_names_a_reversed_stroke(page: Page, app_url: str, strokes_on_canvas):
    strokes = strokes_on_canvas("キ")
    strokes[2] = strokes[2][::-1]

    page.goto(f"{app_url}/write?kana=キ")
    canvas = page.locator("[class*='st-key-canvas'] canvas.upper-canvas")
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    assert box is not None
    for points in strokes:
        page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
        page.mouse.down()
        for x, y in points[1:]:
            page.mouse.move(box["x"] + x, box["y"] + y)
        page.mouse.up()
    page.wait_for_timeout(CANVAS_DEBOUNCE_MS)
    page.locator(".st-key-check button").click()

    feedback = page.locator(".st-key-stroke_feedback")
    expect(feedback).to_contain_text(
        "Stroke 3 (the vertical stroke) goes top to bottom; you drew it the other "
        "way round."
    )
