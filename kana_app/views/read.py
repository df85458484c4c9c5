"""Read page: a kana is shown, the learner types its romaji."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import streamlit as st

from kana_app.kana.romaji import AnswerCheck, check_answer
from kana_app.kana.tables import Kana, get_kana
from kana_app.views import shared

logger = logging.getLogger(__name__)

PAGE = "read"


@dataclass(frozen=True)
class Verdict:
    """The last answer's outcome, shown under the next prompt."""

    kana: str
    check: AnswerCheck


def render() -> None:
    """Draw the Read page."""
    st.title("Read")
    linked = shared.open_linked_kana(
        PAGE, is_allowed=lambda kana: True, refusal="{kana} cannot be practised here."
    )
    _, pool = shared.choose_kana_pool(PAGE, writable_only=False)
    shared.show_link_error(PAGE)
    if not pool:
        st.info("Choose at least one group in the sidebar to start reading.")
        return

    _ensure_prompt(pool, linked)
    _practise(pool)


def _ensure_prompt(pool: tuple[Kana, ...], linked: Kana | None) -> None:
    state = st.session_state
    if linked is not None:
        state[f"{PAGE}_kana"] = linked.char
        state[f"{PAGE}_verdict"] = None
    elif state.get(f"{PAGE}_kana") not in {kana.char for kana in pool}:
        previous = state.get(f"{PAGE}_kana")
        state[f"{PAGE}_kana"] = shared.pick_next(PAGE, pool, previous=previous).char


def _grade(pool: tuple[Kana, ...]) -> None:
    """Grade the submitted answer; a real try moves on to the next kana."""
    state = st.session_state
    kana = get_kana(state[f"{PAGE}_kana"])
    check = check_answer(kana, state.get("answer") or "")
    state[f"{PAGE}_verdict"] = Verdict(kana.char, check)
    if not check.graded:
        logger.debug("Answer for %s not graded", kana.char)
        return

    shared.progress_of(PAGE).record(kana.char, check.correct)
    state[f"{PAGE}_kana"] = shared.pick_next(PAGE, pool, previous=kana.char).char


@st.fragment
def _practise(pool: tuple[Kana, ...]) -> None:
    """Prompt, answer and verdict: a Check reruns only this part."""
    kana = get_kana(st.session_state[f"{PAGE}_kana"])
    shared.show_kana_in_url(PAGE, kana.char)

    with st.container(key="prompt"):
        st.markdown(
            f'<div lang="ja" style="font-size:5rem;line-height:1.2">{kana.char}</div>',
            unsafe_allow_html=True,
        )
    with st.form(f"{PAGE}_form", clear_on_submit=True, border=False):
        # NOTE: no max_chars: Streamlit drops a longer value without a word,
        # and the learner would be told to type something. check_answer says
        # "too long" instead, reading no more than its own limit.
        st.text_input(
            "Type its romaji", key="answer", placeholder="romaji", autocomplete="off"
        )
        st.form_submit_button(
            "Check", key="check", type="primary", on_click=_grade, args=(pool,)
        )

    verdict: Verdict | None = st.session_state.get(f"{PAGE}_verdict")
    if verdict is not None:
        _render_verdict(verdict)
    shared.render_progress(PAGE)


def _render_verdict(verdict: Verdict) -> None:
    """Show the verdict; the learner's answer is always shown as plain text."""
    check = verdict.check
    if not check.graded:
        with st.container(key="answer_hint"):
            st.warning(shared.plain(check.message), icon=":material/keyboard:")
        return

    key = "verdict_right" if check.correct else "verdict_wrong"
    with st.container(key=key, border=True):
        if check.correct:
            st.success(shared.plain(check.message), icon=":material/check_circle:")
        else:
            st.error(shared.plain(check.message), icon=":material/cancel:")
        # A wrong answer's message already gives the spelling.
        written = f"; it is written {check.expected}" if check.correct else ""
        st.caption(
            f"{verdict.kana} — you typed “{shared.plain(check.given)}”"
            f"{shared.plain(written)}."
        )
