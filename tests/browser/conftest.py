"""Real-browser fixtures: the app on a free port, Debian's chromium, loopback only.

The server is the virtual environment's streamlit running the app as
``make run`` does; every request that is not to 127.0.0.1 is aborted. Set
KANA_TEST_APP_URL (http://127.0.0.1:PORT) to test an app already running.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from benchmarks.chromium import CHROMIUM, CHROMIUM_ARGS, keep_to_loopback
from kana_app.kana.tables import get_kana, writable_kana

ROOT = Path(__file__).parents[2]
IMAGES = ROOT / "images"
# The app loads its recognizer on the first run; a busy CI machine is slow.
START_TIMEOUT_S = 90
EXPECT_TIMEOUT_MS = 30_000
DESKTOP = {"width": 1100, "height": 1000}
PHONE = {"width": 390, "height": 844}
CANVAS = '[class*="st-key-canvas"] canvas.upper-canvas'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app did not answer within {START_TIMEOUT_S} s")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app on a free loopback port; yield its base URL."""
    running = os.environ.get("KANA_TEST_APP_URL")
    if running:
        yield running.rstrip("/")
        return

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "kana_app/server.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        _wait_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# Module scope: a test module that drives Playwright itself must not find
# this one still running in the same thread.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, driven by Playwright."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS)
        )
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(
    browser: Browser, app_url: str
) -> Iterator[Callable[..., BrowserContext]]:
    """Open browser contexts (separate learners) that reach only the app."""
    contexts: list[BrowserContext] = []

    def new_context_(
        viewport: dict[str, int] = DESKTOP, **options: bool
    ) -> BrowserContext:
        context = browser.new_context(viewport=viewport, base_url=app_url, **options)
        context.route("**/*", keep_to_loopback)
        context.set_default_timeout(EXPECT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield new_context_
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """One learner's page, desktop size."""
    return new_context().new_page()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder ``browser``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _wait_for_app(page: Page) -> None:
    # Every page starts with its title; before the first run the app reports
    # "notRunning" too, so the title comes first.
    expect(page.locator('[data-testid="stMain"] h1').first).to_be_visible()
    expect(page.locator('[data-testid="stApp"]')).to_have_attribute(
        "data-test-script-state", "notRunning"
    )


@pytest.fixture
def wait_for_app() -> Callable[[Page], None]:
    """Wait until no script run is going on in the page's session."""
    return _wait_for_app


@pytest.fixture
def open_app() -> Callable[[Page, str], Page]:
    """Go to ``path`` ("/write?kana=か") and wait for the page to settle."""

    def open_app_(page: Page, path: str) -> Page:
        page.goto(path)
        _wait_for_app(page)
        return page

    return open_app_


@pytest.fixture
def prompted_kana() -> Callable[[Page], str]:
    """Read the Write page's prompt ("Write ka in hiragana") back into a kana."""

    def prompted_kana_(page: Page) -> str:
        text = page.locator(".st-key-prompt").inner_text()
        match = re.fullmatch(r"\s*Write (.+) in (hiragana|katakana)\s*", text)
        assert match, f"not a Write prompt: {text!r}"
        romaji, script = match.groups()
        for kana in writable_kana(script):
            if kana.romaji == romaji:
                return kana.char
        raise AssertionError(f"no {script} kana is prompted as {romaji!r}: {text!r}")

    return prompted_kana_


@pytest.fixture
def draw_strokes() -> Callable[[Page, list[np.ndarray]], None]:
    """Draw strokes (canvas pixels) on the Write page's canvas with the mouse."""

    def draw_(page: Page, strokes: list[np.ndarray], size: float = 300) -> None:
        canvas = page.locator(CANVAS)
        expect(canvas).to_be_visible()
        box = canvas.bounding_box()
        assert box is not None
        scale = box["width"] / size
        for points in strokes:
            (x, y), *rest = (points * scale).tolist()
            page.mouse.move(box["x"] + x, box["y"] + y)
            page.mouse.down()
            for x, y in rest:
                page.mouse.move(box["x"] + x, box["y"] + y)
            page.mouse.up()

    return draw_


@pytest.fixture
def touch_kana(strokes_on_canvas: Callable[[str], list]) -> Callable[[Page, str], None]:
    """Draw a kana with a finger: touch events, on a context with has_touch."""

    def touch_kana_(page: Page, char: str) -> None:
        canvas = page.locator(CANVAS)
        expect(canvas).to_be_visible()
        box = canvas.bounding_box()
        assert box is not None
        # Playwright has taps only; a drag goes through the DevTools protocol.
        cdp = page.context.new_cdp_session(page)

        def touch(kind: str, points: list[list[float]]) -> None:
            cdp.send(
                "Input.dispatchTouchEvent",
                {
                    "type": kind,
                    "touchPoints": [
                        {"x": box["x"] + x, "y": box["y"] + y} for x, y in points
                    ],
                },
            )

        for stroke in strokes_on_canvas(char):
            first, *rest = (stroke * box["width"] / 300).tolist()
            touch("touchStart", [first])
            for point in rest:
                touch("touchMove", [point])
            touch("touchEnd", [])
        cdp.detach()

    return touch_kana_


@pytest.fixture
def draw_kana(
    draw_strokes: Callable[..., None], strokes_on_canvas: Callable[[str], list]
) -> Callable[[Page, str], None]:
    """Draw a kana along its KanjiVG strokes, in order, on the canvas."""

    def draw_kana_(page: Page, char: str) -> None:
        get_kana(char)
        draw_strokes(page, strokes_on_canvas(char))

    return draw_kana_


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[[Page, str], Path]:
    """Take a README screenshot of the page.

    It goes to images/ with KANA_UPDATE_SCREENSHOTS=1 (``make screenshots``),
    else to a temporary folder, so that a test run leaves the checkout as it was.
    """
    folder = IMAGES if os.environ.get("KANA_UPDATE_SCREENSHOTS") == "1" else tmp_path

    def screenshot_(page: Page, name: str) -> Path:
        folder.mkdir(exist_ok=True)
        path = folder / name
        page.screenshot(path=path, full_page=False)
        assert path.stat().st_size > 0
        return path

    return screenshot_
