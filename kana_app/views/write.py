"""Write page: draw the kana for the romaji shown, then Check."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from kana_app.kana.stroke_order import StrokeNote, compare_strokes
from kana_app.kana.tables import Kana, get_kana, writable_kana
from kana_app.recognition import Guess, recognize
from kana_app.recognition.canvas_paths import strokes_from_canvas
from kana_app.recognition.service import FULL_TO_SMALL, SMALL_TO_FULL
from kana_app.views import shared
from kana_app.views.canvas_flush import CANVAS_KEY_PREFIX, CHECK_KEY, mount_canvas_flush
from kana_app.views.stroke_diagram import show_me_html

logger = logging.getLogger(__name__)

PAGE = "write"
# 300 px fits a 360 px phone screen with the page's margins, and is large
# enough to write on with a mouse.
CANVAS_SIZE = 300
# Close to KanjiVG's stroke width once a 109-unit kana is scaled to the canvas.
STROKE_WIDTH = 9
GUESSES_SHOWN = 3

# "Show me" lies over the canvas (the canvas's own layers go up to z-index
# 20) and lets the pointer through, so the learner can trace it.
_OVERLAY_CSS = """<style>
.st-key-write_board { position: relative; }
.st-key-show_me_overlay {
  position: absolute; top: 0; left: 0; z-index: 30; pointer-events: none;
}
</style>"""

_NOT_A_KANA = {
    "empty": "Draw the kana first, then press Check.",
    "too_small": "That is only a dot. Draw the whole kana, then press Check.",
    "scribble": (
        "That does not look like any kana. Press Clear and draw it again, "
        "one stroke at a time."
    ),
}


@dataclass(frozen=True)
class Verdict:
    """The outcome of one Check, kept so reruns show it again."""

    canvas: int
    kana: str
    signature: str
    correct: bool | None  # None: not graded (empty, a dot, a scribble)
    message: str
    guesses: tuple[Guess, ...] = ()
    notes: tuple[StrokeNote, ...] = ()
    strokes: int = 0
    scored: bool = False  # False: the prompt was already scored, practice only


def render() -> None:
    """Draw the Write page."""
    st.title("Write")
    if not shared.warm_recognizer():
        st.error(
            "Handwriting cannot be checked right now: the recognizer did not "
            "load. Learn and Read still work; please tell whoever runs this app.",
            icon=":material/error:",
        )
    linked = shared.open_linked_kana(
        PAGE,
        is_allowed=lambda kana: kana.is_writable,
        refusal=(
            "{kana} is not practised on Write, which asks for single kana "
            "(yoon and ー are on Read). Here is another one."
        ),
    )
    script, pool = shared.choose_kana_pool(PAGE, writable_only=True)
    shared.show_link_error(PAGE)
    if not pool:
        st.info("Choose at least one group in the sidebar to start writing.")
        return

    _ensure_prompt(pool, linked)
    st.html(_OVERLAY_CSS)
    _practise(pool, script)


def _ensure_prompt(pool: tuple[Kana, ...], linked: Kana | None) -> None:
    """Keep the asked kana, or pick one when there is none or it left the pool."""
    state = st.session_state
    state.setdefault(f"{PAGE}_canvas", 0)
    if linked is not None:
        _start_round(linked)
    elif state.get(f"{PAGE}_kana") not in {kana.char for kana in pool}:
        _start_round(shared.pick_next(PAGE, pool, previous=state.get(f"{PAGE}_kana")))


def _start_round(kana: Kana) -> None:
    """Ask ``kana`` on a clean canvas."""
    st.session_state[f"{PAGE}_kana"] = kana.char
    # Only the first graded Check of a prompt counts; Clear keeps this, so
    # redrawing after seeing the answer is practice, not another point.
    st.session_state[f"{PAGE}_scored"] = False
    _clear_canvas()


def _clear_canvas() -> None:
    # A new key is the only way to empty the canvas: clear_on_submit leaves it.
    st.session_state[f"{PAGE}_canvas"] = st.session_state.get(f"{PAGE}_canvas", 0) + 1
    st.session_state[f"{PAGE}_verdict"] = None
    st.session_state[f"{PAGE}_show_me"] = 0


def _new_kana(pool: tuple[Kana, ...]) -> None:
    previous = st.session_state.get(f"{PAGE}_kana")
    _start_round(shared.pick_next(PAGE, pool, previous=previous))


def _show_me() -> None:
    st.session_state[f"{PAGE}_show_me"] = st.session_state.get(f"{PAGE}_show_me", 0) + 1


@st.fragment
def _practise(pool: tuple[Kana, ...], script: str) -> None:
    """Prompt, canvas, Check and verdict: a Check reruns only this part."""
    state = st.session_state
    kana = get_kana(state[f"{PAGE}_kana"])
    canvas_id = state[f"{PAGE}_canvas"]
    shared.show_kana_in_url(PAGE, kana.char)

    with st.container(key="prompt"):
        st.markdown(f"#### Write **{kana.romaji}** in {script}")
        # The recognizer tells a small kana from its full-size twin by size
        # alone, so the learner needs to know how small to draw it.
        if kana.char in SMALL_TO_FULL:
            st.caption(
                "Draw it small, about a third of the box, as it sits in a word "
                f"beside full-size kana ({SMALL_TO_FULL[kana.char]} is the "
                "full-size one)."
            )

    mount_canvas_flush()
    with st.form(f"{PAGE}_form", border=False, enter_to_submit=False):
        with st.container(key="write_board"):
            result = st_canvas(
                stroke_width=STROKE_WIDTH,
                stroke_color="#000000",
                background_color="#ffffff",
                width=CANVAS_SIZE,
                height=CANVAS_SIZE,
                drawing_mode="freedraw",
                return_image_data=True,
                key=f"{CANVAS_KEY_PREFIX}_{canvas_id}",
            )
            if state.get(f"{PAGE}_show_me"):
                _show_strokes_over_canvas(kana.char, state[f"{PAGE}_show_me"])
        checked = st.form_submit_button("Check", key=CHECK_KEY, type="primary")

    if checked:
        state[f"{PAGE}_verdict"] = _check(kana, canvas_id, result.json_data)
    verdict: Verdict | None = state.get(f"{PAGE}_verdict")

    with st.container(horizontal=True, key=f"{PAGE}_actions"):
        st.button("New kana", key="new_kana", on_click=_new_kana, args=(pool,))
        st.button("Clear", key="clear", on_click=_clear_canvas)
        if verdict is not None and verdict.correct is False:
            st.button("Show me", key="show_me", on_click=_show_me)

    if verdict is not None and verdict.canvas == canvas_id:
        _render_verdict(verdict, kana)
    shared.render_progress(PAGE)


def _show_strokes_over_canvas(char: str, replay: int) -> None:
    """Animate the right strokes on top of the learner's drawing."""
    svg = show_me_html(char, size=CANVAS_SIZE, replay_key=replay)
    # NOTE: st.html's sanitizer drops SVG in Streamlit 1.67; markdown with
    # HTML allowed keeps it. The SVG is built from our own stroke data.
    with st.container(key="show_me_overlay"):
        st.markdown(f'<div class="kana-show-me">{svg}</div>', unsafe_allow_html=True)


def _check(kana: Kana, canvas_id: int, json_data: dict[str, Any] | None) -> Verdict:
    """Grade the drawing once; the same drawing checked again keeps its verdict."""
    signature = _signature(json_data)
    previous: Verdict | None = st.session_state.get(f"{PAGE}_verdict")
    if (
        previous is not None
        and previous.signature == signature
        and previous.canvas == canvas_id
    ):
        return previous

    strokes = strokes_from_canvas(json_data)
    if not strokes:
        return Verdict(canvas_id, kana.char, signature, None, _NOT_A_KANA["empty"])

    try:
        recognition = recognize(
            strokes,
            _allowed(kana.script),
            canvas_size=(CANVAS_SIZE, CANVAS_SIZE),
            top_k=GUESSES_SHOWN,
        )
    except Exception:
        logger.exception("Recognition failed for a drawing of %s", kana.char)
        return Verdict(
            canvas_id,
            kana.char,
            "",
            None,
            "Something went wrong while reading your drawing. Press Check again; "
            "if it keeps happening, reload the page.",
        )

    if not recognition.is_kana or not recognition.guesses:
        reason = recognition.reason or "scribble"
        logger.debug("Drawing not graded: %s", reason)
        message = _NOT_A_KANA.get(reason, _NOT_A_KANA["scribble"])
        return Verdict(canvas_id, kana.char, signature, None, message)

    best = recognition.guesses[0].kana
    correct = best == kana.char
    scored = not st.session_state.get(f"{PAGE}_scored")
    if scored:
        shared.progress_of(PAGE).record(kana.char, correct)
        st.session_state[f"{PAGE}_scored"] = True
    notes = _stroke_notes(strokes, kana.char)
    if correct:
        message = f"Right! That is {kana.char} ({kana.romaji})."
    elif best == FULL_TO_SMALL.get(kana.char):
        message = (
            f"Right shape, but drawn small: {best} is the small kana. "
            f"Draw {kana.char} bigger, filling most of the box."
        )
    elif best == SMALL_TO_FULL.get(kana.char):
        message = (
            f"Right shape, but drawn big: {best} is the full-size kana. "
            f"Draw {kana.char} small, about a third of the box."
        )
    else:
        message = (
            f"Not quite: that looks like {best}. "
            f"You were asked for {kana.romaji}, written {kana.char}."
        )
    return Verdict(
        canvas_id,
        kana.char,
        signature,
        correct,
        message,
        recognition.guesses,
        notes,
        len(strokes),
        scored,
    )


def _stroke_notes(strokes: list[np.ndarray], char: str) -> tuple[StrokeNote, ...]:
    try:
        return compare_strokes(strokes, char).notes
    except Exception:
        logger.exception("Stroke comparison failed for %s", char)
        return ()


def _render_verdict(verdict: Verdict, kana: Kana) -> None:
    """Show right or wrong, the recognizer's guesses and the stroke notes."""
    if verdict.correct is None:
        with st.container(key="not_a_kana"):
            st.warning(verdict.message, icon=":material/draw:")
        return

    key = "verdict_right" if verdict.correct else "verdict_wrong"
    with st.container(key=key, border=True):
        if verdict.correct:
            st.success(verdict.message, icon=":material/check_circle:")
        else:
            st.error(verdict.message, icon=":material/cancel:")
            st.markdown(
                f'<div lang="ja" style="font-size:4.5rem;line-height:1.1">'
                f"{kana.char}</div>",
                unsafe_allow_html=True,
            )
        guesses = " · ".join(
            f"{guess.kana} {guess.probability:.0%}" for guess in verdict.guesses
        )
        drawn = "1 stroke" if verdict.strokes == 1 else f"{verdict.strokes} strokes"
        st.caption(f"The recognizer saw: {guesses} (you drew {drawn})")
        if not verdict.scored:
            with st.container(key="practice_only"):
                st.caption(
                    "Practice only: this kana was already scored. "
                    "Press New kana for the next one."
                )

    with st.container(key="stroke_feedback"):
        if verdict.correct and not verdict.notes:
            st.caption("Stroke count, order and direction look right.")
        for note in verdict.notes:
            st.info(shared.plain(note.message), icon=":material/gesture:")


@functools.cache
def _allowed(script: str) -> frozenset[str]:
    """Return what the recognizer may answer on this page: the asked script."""
    return frozenset(kana.char for kana in writable_kana(script))


def _signature(json_data: dict[str, Any] | None) -> str:
    objects = (json_data or {}).get("objects") or []
    encoded = json.dumps(objects, separators=(",", ":"), default=str)
    return hashlib.blake2b(encoded.encode(), digest_size=12).hexdigest()
