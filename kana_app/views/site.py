"""The app's pages, in navigation order; the root URL opens Learn."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage


def app_pages() -> dict[str, StreamlitPage]:
    """Return the pages by their URL path ("learn", "write", "read", "home")."""
    # Imported here: the Learn page links to the others through this module.
    from kana_app.views import learn, read, write

    return {
        "learn": st.Page(
            learn.render, title="Learn", icon=":material/menu_book:", url_path="learn"
        ),
        "write": st.Page(
            write.render, title="Write", icon=":material/draw:", url_path="write"
        ),
        "read": st.Page(
            read.render, title="Read", icon=":material/translate:", url_path="read"
        ),
        # NOTE: Streamlit 1.67 serves the default page at "/" only; its own
        # path answers "Page not found" and reruns it, which also remounted
        # the drawing canvas. So the default page is a hidden hop to /learn,
        # and every real page keeps a path that works.
        "home": st.Page(
            _open_learn,
            title="Kana",
            url_path="home",
            default=True,
            visibility="hidden",
        ),
    }


def _open_learn() -> None:
    st.switch_page(app_pages()["learn"])
