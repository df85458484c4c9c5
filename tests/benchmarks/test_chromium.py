"""The browser every check launches only ever reaches the machine itself."""

from __future__ import annotations

import pytest

from benchmarks.chromium import CHROMIUM_ARGS, keep_to_loopback


class _Request:
    def __init__(self, url: str) -> None:
        self.url = url


class _Route:
    def __init__(self, url: str) -> None:
        self.request = _Request(url)
        self.outcome = ""

    def continue_(self) -> None:
        self.outcome = "continued"

    def abort(self) -> None:
        self.outcome = "aborted"


@pytest.mark.parametrize(
    ("url", "outcome"),
    [
        ("http://127.0.0.1:8517/write", "continued"),
        ("http://127.0.0.1:8517/static/js/index.js", "continued"),
        ("https://fonts.googleapis.com/css", "aborted"),
        ("http://127.0.0.1.example.com/", "aborted"),
        ("http://localhost:8517/", "aborted"),
        ("https://127.0.0.1:8517/", "aborted"),
    ],
)
def test_only_loopback_requests_go_through(url, outcome):
    route = _Route(url)

    keep_to_loopback(route)

    assert route.outcome == outcome


def test_the_browser_is_headless_and_quiet():
    assert "--headless" in CHROMIUM_ARGS
    assert "--disable-background-networking" in CHROMIUM_ARGS
