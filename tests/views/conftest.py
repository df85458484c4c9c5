"""Run one page of the app in AppTest, from a fresh session."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

# The first run loads and warms the recognizer.
TIMEOUT_S = 60


def _page_script(name: str) -> None:
    """Register the app's pages with the named one first, and run that one."""
    import streamlit as st

    from kana_app.views.site import app_pages

    pages = app_pages()
    others = [page for key, page in pages.items() if key not in (name, "home")]
    st.navigation([pages[name], *others], position="hidden").run()


def _walk(node: Node) -> Iterator[Node]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def _find_block(at: AppTest, key: str) -> Block | None:
    """Return the container with widget key ``key``, or None."""
    for node in _walk(at._tree):
        block_id = getattr(getattr(node, "proto", None), "id", None)
        if isinstance(node, Block) and isinstance(block_id, str) and block_id.endswith(
            f"-{key}"
        ):
            return node
    return None


def _texts_in(node: Node) -> str:
    """Return every text shown under ``node``, one per line."""
    shown = ("markdown", "caption", "success", "error", "warning", "info", "text")
    return "\n".join(
        child.value
        for child in _walk(node)
        if child.type in shown and isinstance(getattr(child, "value", None), str)
    )


@pytest.fixture
def open_page() -> Callable[..., AppTest]:
    """Open a page ("learn", "write", "read") as a new learner would."""

    def open_(name: str, kana: str | None = None) -> AppTest:
        at = AppTest.from_function(
            _page_script, args=(name,), default_timeout=TIMEOUT_S
        )
        if kana is not None:
            at.query_params["kana"] = kana
        return at.run()

    return open_


@pytest.fixture
def text_of() -> Callable[[AppTest, str], str | None]:
    """Return the text inside the container keyed ``key``, None if not shown."""

    def text_of_(at: AppTest, key: str) -> str | None:
        block = _find_block(at, key)
        return None if block is None else _texts_in(block)

    return text_of_
