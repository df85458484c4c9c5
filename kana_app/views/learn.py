"""Learn page: the kana charts, and any kana up close with its strokes."""

from __future__ import annotations

import functools
import logging

import streamlit as st

from kana_app.kana.strokes import load_stroke_paths
from kana_app.kana.tables import GROUPS, Kana, get_kana
from kana_app.views import shared
from kana_app.views.chart_grid import picked_kana, render_charts
from kana_app.views.stroke_diagram import animated_strokes_html, numbered_strokes_html

logger = logging.getLogger(__name__)

PAGE = "learn"
DIAGRAM_SIZE = 180


def render() -> None:
    """Draw the Learn page."""
    st.title("Learn")
    linked = shared.open_linked_kana(PAGE, is_allowed=lambda kana: True, refusal="")
    if linked is not None:
        st.session_state[f"{PAGE}_kana"] = linked.char

    script, groups = shared.choose_groups(PAGE, "Charts", writable_only=False)
    shared.show_link_error(PAGE)

    st.caption("Pick a kana to see it up close, with its stroke order.")
    _charts(script, groups)


@st.fragment
def _charts(script: str, groups: tuple[str, ...]) -> None:
    """The selected kana, then one chart per group: a pick reruns only this."""
    selected = st.session_state.get(f"{PAGE}_kana")
    shared.show_kana_in_url(PAGE, selected)
    if selected:
        _render_detail(get_kana(selected))
    if not groups:
        st.info("Choose at least one group in the sidebar to see its chart.")
        return
    render_charts(script, groups, selected=selected, on_pick=_on_pick)


def _on_pick() -> None:
    char = picked_kana()
    if char:
        st.session_state[f"{PAGE}_kana"] = char
        st.session_state[f"{PAGE}_replay"] = 0


def _replay() -> None:
    st.session_state[f"{PAGE}_replay"] = st.session_state.get(f"{PAGE}_replay", 0) + 1


def _render_detail(kana: Kana) -> None:
    """Show one kana large, its spellings, its strokes and practice links."""
    from kana_app.views.site import app_pages

    pages = app_pages()
    with st.container(key="learn_detail", border=True):
        big, strokes = st.columns([1, 2])
        with big:
            st.markdown(
                f'<div lang="ja" style="font-size:6rem;line-height:1.1">'
                f"{kana.char}</div>",
                unsafe_allow_html=True,
            )
            st.markdown(f"### {shared.plain(kana.romaji)}")
            st.caption(f"{kana.script.capitalize()}, {GROUPS[kana.group]}")
            if len(kana.spellings) > 1:
                others = ", ".join(kana.spellings[1:])
                st.markdown(f"Also accepted: {shared.plain(others)}")
            if kana.note:
                st.caption(shared.plain(kana.note))
        with strokes:
            _render_strokes(kana.char)

        with st.container(horizontal=True):
            if kana.is_writable:
                st.page_link(
                    pages["write"],
                    label="Practise writing it",
                    icon=":material/draw:",
                    query_params={"kana": kana.char},
                )
            st.page_link(
                pages["read"],
                label="Practise reading it",
                icon=":material/translate:",
                query_params={"kana": kana.char},
            )


def _render_strokes(text: str) -> None:
    """Animate each character's strokes next to its numbered diagram."""
    chars = [c for c in text if c in load_stroke_paths()]
    if not chars:
        st.caption("No stroke order for this one.")
        return

    replay = st.session_state.get(f"{PAGE}_replay", 0)
    size = DIAGRAM_SIZE if len(chars) == 1 else DIAGRAM_SIZE * 2 // 3
    with st.container(key="learn_strokes", horizontal=True, gap="small"):
        # NOTE: st.html's sanitizer drops SVG in Streamlit 1.67; markdown
        # with HTML allowed keeps it. The SVG is built from our own data.
        for char in chars:
            st.markdown(_animated(char, size, replay), unsafe_allow_html=True)
        for char in chars:
            st.markdown(_numbered(char, size), unsafe_allow_html=True)
    st.button(
        "Replay strokes", key="replay", icon=":material/replay:", on_click=_replay
    )
    st.caption("Stroke order from KanjiVG (CC BY-SA 3.0).")


@functools.lru_cache(maxsize=512)
def _animated(char: str, size: int, replay: int) -> str:
    return animated_strokes_html(char, size=size, replay_key=replay)


@functools.lru_cache(maxsize=256)
def _numbered(char: str, size: int) -> str:
    return numbered_strokes_html(char, size=size)
