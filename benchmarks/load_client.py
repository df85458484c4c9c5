"""One simulated learner: a browser page that writes and reads kana.

Each method is one learner action on the real pages, found by the widget keys
the pages promise: the prompt, the canvas, Check, the verdict. A method
returns the seconds from the click (or the navigation) to what the learner
waits for, and leaves the page with no script run going on, so the server's
counters read after it hold the whole action.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
from playwright.async_api import BrowserContext, Page, expect

from kana_app.kana.strokes import VIEWBOX, stroke_points
from kana_app.kana.tables import get_kana, writable_kana

CANVAS = '[class*="st-key-canvas"] canvas.upper-canvas'
EXCEPTION = '[data-testid="stException"]'
WRITE_VERDICT = ".st-key-verdict_right, .st-key-verdict_wrong, .st-key-not_a_kana"
READ_VERDICT = '[class*="st-key-verdict_"]'
CANVAS_SIZE = 300
# Where a learner writes: KanjiVG's 109 box scaled onto the canvas with this
# margin on every side, sampled every few units as a mouse would move.
MARGIN = 0.08
POINT_STEP = 3.0
# streamlit-drawable-canvas 0.13 sends a drawing 200 ms after the last change;
# waiting longer after the last stroke lets any such message reach the server
# inside the stroke phase.
DEBOUNCE_S = 0.4


class ActionError(RuntimeError):
    """A learner action that did not end as a learner expects."""


class Learner:
    """A learner in a browser context of their own."""

    def __init__(self, context: BrowserContext, number: int, seed: int):
        self.context = context
        self.number = number
        self.rng = random.Random(seed)
        self.page: Page | None = None
        self.kana = ""  # the kana asked on Write now
        self.right = 0
        self.wrong = 0
        self.not_graded = 0  # the recognizer saw no kana in the drawing
        self.broken = False  # set once an action failed; skipped from then on

    @property
    def _page(self) -> Page:
        if self.page is None:
            raise ActionError("the page is not open")
        return self.page

    async def open(self, path: str = "/write") -> float:
        """Open a fresh page on ``path``; return the seconds until it settles."""
        started = time.perf_counter()
        self.page = await self.context.new_page()
        await self.page.goto(path)
        ready = ".st-key-answer input" if path.startswith("/read") else CANVAS
        await expect(self.page.locator(f"{ready}, {EXCEPTION}").first).to_be_visible()
        await self._settle()
        elapsed = time.perf_counter() - started
        if ready == CANVAS:
            self.kana = await self._prompted_kana()
        return elapsed

    async def revisit(self, path: str = "/write") -> float:
        """Come back in a new tab, the browser's cache warm; close the old one."""
        old = self.page
        elapsed = await self.open(path)
        if old is not None:
            await old.close()
        return elapsed

    async def draw(self) -> int:
        """Draw the asked kana stroke by stroke; return the number of strokes."""
        page = self._page
        box = await page.locator(CANVAS).bounding_box()
        if box is None:
            raise ActionError("the canvas is not on screen")
        strokes = _strokes_on_canvas(self.kana, box["width"])
        for points in strokes:
            on_screen = (points + (box["x"], box["y"])).tolist()
            await page.mouse.move(*on_screen[0])
            await page.mouse.down()
            for x, y in on_screen[1:]:
                await page.mouse.move(x, y)
            await page.mouse.up()
        await page.wait_for_timeout(DEBOUNCE_S * 1000)
        return len(strokes)

    async def check_drawing(self) -> float:
        """Press Check; return the seconds until the verdict shows."""
        page = self._page
        started = time.perf_counter()
        await page.locator(".st-key-check button").click()
        verdict = page.locator(WRITE_VERDICT)
        await expect(verdict).to_be_visible()
        elapsed = time.perf_counter() - started
        await self._settle()

        if await page.locator(".st-key-verdict_right").count():
            self.right += 1
        elif await page.locator(".st-key-verdict_wrong").count():
            self.wrong += 1
        else:
            self.not_graded += 1
        return elapsed

    async def new_kana(self) -> float:
        """Press New kana; return the seconds until the clean canvas is back."""
        return await self._press_and_wait_clean("new_kana")

    async def clear(self) -> float:
        """Press Clear to try the same kana again."""
        return await self._press_and_wait_clean("clear")

    async def _press_and_wait_clean(self, key: str) -> float:
        page = self._page
        started = time.perf_counter()
        await page.locator(f".st-key-{key} button").click()
        await expect(page.locator(WRITE_VERDICT)).to_have_count(0)
        elapsed = time.perf_counter() - started
        await self._settle()
        self.kana = await self._prompted_kana()
        return elapsed

    async def switch_to(self, title: str) -> float:
        """Follow the navigation link to another page ("Read", "Write")."""
        page = self._page
        started = time.perf_counter()
        await page.get_by_role("link", name=title, exact=True).click()
        ready = ".st-key-answer input" if title == "Read" else CANVAS
        await expect(page.locator(ready)).to_be_visible()
        elapsed = time.perf_counter() - started
        await self._settle()
        if title == "Write":
            self.kana = await self._prompted_kana()
        return elapsed

    async def check_reading(self) -> float:
        """Type the shown kana's romaji, press Check; seconds to the verdict."""
        page = self._page
        shown = (await page.locator(".st-key-prompt").inner_text()).strip()
        answer = get_kana(shown).romaji
        await page.locator(".st-key-answer input").fill(answer)

        started = time.perf_counter()
        await page.locator(".st-key-check button").click()
        await expect(page.locator(READ_VERDICT)).to_contain_text(f"{shown} — you")
        elapsed = time.perf_counter() - started
        await self._settle()
        if not await page.locator(".st-key-verdict_right").count():
            raise ActionError(f"typing {answer!r} for {shown} was not right")
        return elapsed

    async def save_evidence(self, folder: Path, phase: str, error: Exception) -> None:
        """Keep a screenshot and the error of a failed action in ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        stem = folder / f"learner{self.number}-{phase.replace(' ', '_')}"
        stem.with_suffix(".txt").write_text(f"{type(error).__name__}: {error}\n")
        if self.page is not None:
            try:
                await self.page.screenshot(path=stem.with_suffix(".png"))
            except Exception as failure:  # noqa: BLE001 - evidence is best effort
                with stem.with_suffix(".txt").open("a") as notes:
                    notes.write(f"no screenshot: {failure}\n")

    async def close(self) -> None:
        await self.context.close()
        self.page = None

    async def _settle(self) -> None:
        """Wait until the page's session runs no script and shows no error."""
        page = self._page
        app = page.locator('[data-testid="stApp"]')
        await expect(app).to_have_attribute("data-test-script-state", "notRunning")
        if await page.locator(EXCEPTION).count():
            raise ActionError("the page shows an exception")

    async def _prompted_kana(self) -> str:
        """Read "Write ka in hiragana" back into the kana it asks for."""
        text = (await self._page.locator(".st-key-prompt").inner_text()).strip()
        words = text.split()
        if len(words) < 4:
            raise ActionError(f"unexpected prompt {text!r}")
        romaji, script = words[1], words[-1]
        for kana in writable_kana(script):
            if kana.romaji == romaji:
                return kana.char
        raise ActionError(f"no {script} kana is prompted as {romaji!r}")


def _strokes_on_canvas(char: str, width: float) -> list[np.ndarray]:
    """Return ``char``'s KanjiVG strokes scaled onto a canvas ``width`` wide."""
    scale = width * (1 - 2 * MARGIN) / VIEWBOX
    return [
        points * scale + width * MARGIN
        for points in stroke_points(char, step=POINT_STEP)
    ]
