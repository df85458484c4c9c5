"""Debian's chromium as every browser check here launches it.

The browser tests, the load tool and the image test's page check all drive
the same headless chromium, and all keep it to the machine's loopback.
"""

from __future__ import annotations

from typing import Final

from playwright.sync_api import Route

CHROMIUM: Final = "/usr/bin/chromium"
# No sandbox: the checks run as root in CI; no GPU and no background
# requests (updates, safe browsing) on a machine without either.
CHROMIUM_ARGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
)
LOOPBACK: Final = "http://127.0.0.1:"


def keep_to_loopback(route: Route) -> None:
    """Let a request through to 127.0.0.1 only; abort any other."""
    if route.request.url.startswith(LOOPBACK):
        route.continue_()
    else:
        route.abort()
