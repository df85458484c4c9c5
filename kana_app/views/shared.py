"""Pieces the pages share: start-up, kana choice, deep links, progress."""

from __future__ import annotations

import functools
import logging
import random
import re
import time
import unicodedata
from collections.abc import Callable

import streamlit as st

from kana_app.config import load_settings
from kana_app.kana.progress import Progress, next_kana
from kana_app.kana.tables import (
    GOJUON_GROUPS,
    GROUPS,
    SCRIPTS,
    Kana,
    get_kana,
    script_groups,
    select_kana,
)

logger = logging.getLogger(__name__)

# A deep link longer than this is not a kana; it is neither looked up nor
# echoed back in full.
MAX_LINK_LENGTH = 8
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")
SESSION_ONLY = (
    "Kana right out of kana scored since this page was opened. "
    "Nothing is saved: a reload or a new tab starts again from zero."
)
_KANA_BLOCKS = ("HIRAGANA", "KATAKANA", "HALFWIDTH KATAKANA")
# What a page suggests after a link it cannot open: Learn shows the charts
# right below the message, the practice pages go on with a kana of their own.
_AFTER_A_BAD_LINK = {
    "learn": "Pick one from the charts below.",
    "default": "Here is another one to practise; the Learn page lists them all.",
}


def start_app() -> None:
    """Set up logging and warm the recognizer, once per server process."""
    _configure_logging()
    warm_recognizer()


@functools.cache
def _configure_logging() -> None:
    level = load_settings().log_level
    app_logger = logging.getLogger("kana_app")
    if not app_logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        app_logger.addHandler(handler)
    app_logger.setLevel(level)


@st.cache_resource(show_spinner="Loading the handwriting recognizer...")
def warm_recognizer() -> bool:
    """Load the recognizer and run one dummy drawing through it, once.

    Return whether it works. A recognizer that cannot load (a missing model
    file, say) is logged with its cause; Learn and Read still work.
    """
    from kana_app.recognition import warm_up

    started = time.perf_counter()
    try:
        warm_up()
    except Exception:
        logger.exception("The recognizer could not be loaded; Write cannot grade")
        return False
    elapsed_ms = (time.perf_counter() - started) * 1000
    logger.info("Recognizer warmed up in %.0f ms", elapsed_ms)
    return True


def plain(text: str) -> str:
    """Escape ``text`` so that st.markdown shows it literally."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def widget_key(prefix: str, char: str) -> str:
    """Return an ASCII widget key for a kana ("learn_304b" for か)."""
    return prefix + "_" + "_".join(f"{ord(c):04x}" for c in char)


@functools.cache
def group_options(script: str, *, writable_only: bool) -> tuple[str, ...]:
    """Return the groups of ``script`` that hold kana a page can ask."""
    return tuple(
        group
        for group in script_groups(script)
        if select_kana(script, [group], writable_only=writable_only)
    )


@functools.cache
def kana_pool(
    script: str, groups: tuple[str, ...], *, writable_only: bool
) -> tuple[Kana, ...]:
    """Return the kana to practise, built once per choice of groups."""
    return tuple(select_kana(script, groups, writable_only=writable_only))


def default_groups(page: str, script: str) -> list[str]:
    """Return the groups a page shows at first: all charts, or the gojuon rows."""
    options = group_options(script, writable_only=page == "write")
    if page == "learn":
        return list(options)
    return [group for group in GOJUON_GROUPS if group in options]


def choose_groups(
    page: str, heading: str, *, writable_only: bool
) -> tuple[str, tuple[str, ...]]:
    """Show the script and group choice in the sidebar; return both."""
    with st.sidebar:
        st.subheader(heading)
        script = st.radio(
            "Script",
            SCRIPTS,
            format_func=str.capitalize,
            horizontal=True,
            key=f"{page}_script",
        )
        options = group_options(script, writable_only=writable_only)
        # One widget per script: the options differ, so one key would carry
        # groups the other script does not have.
        groups_key = f"{page}_groups_{script}"
        st.session_state.setdefault(groups_key, default_groups(page, script))
        groups = st.multiselect(
            "Groups", options, format_func=GROUPS.__getitem__, key=groups_key
        )
    return script, tuple(groups)


def choose_kana_pool(page: str, *, writable_only: bool) -> tuple[str, tuple[Kana, ...]]:
    """Show the script and group choice in the sidebar; return the pool."""
    script, groups = choose_groups(
        page, "Kana to practise", writable_only=writable_only
    )
    return script, kana_pool(script, groups, writable_only=writable_only)


def open_linked_kana(
    page: str, *, is_allowed: Callable[[Kana], bool], refusal: str
) -> Kana | None:
    """Return the kana a ``?kana=`` link asks for, unless the page shows it.

    The link's script and group are selected in the sidebar. A link that is
    not a kana this page can ask gets a message, and the page goes on with
    its own choice (``show_kana_in_url`` then puts that one in the URL).
    """
    # A link may repeat ?kana=; the first one counts, and show_kana_in_url
    # then leaves only the kana shown in the URL.
    raw = next(iter(st.query_params.get_all("kana")), None)
    # The URL still names the kana this page last showed when a button's
    # callback has just moved on: that is not a new link.
    if raw is None or raw == st.session_state.get(f"{page}_url_kana"):
        return None
    st.session_state[f"{page}_url_kana"] = raw

    text = raw.strip()
    if not text:
        return None
    shown = text if len(text) <= MAX_LINK_LENGTH else text[:MAX_LINK_LENGTH] + "..."
    after = _AFTER_A_BAD_LINK.get(page, _AFTER_A_BAD_LINK["default"])
    try:
        if len(text) > MAX_LINK_LENGTH:
            raise ValueError("link too long")
        kana = get_kana(text)
    except ValueError:
        logger.warning("Unknown kana in a %s link (%d characters)", page, len(raw))
        # A rare kana (ゔ, ゟ) is still a kana: say this app does not teach it.
        if len(text) == 1 and _is_kana(text):
            problem = "a kana this app does not practise"
        else:
            problem = "not a kana"
        st.session_state[f"{page}_link_error"] = (
            f"The link asks for “{shown}”, which is {problem}. {after}"
        )
        return None
    if not is_allowed(kana):
        st.session_state[f"{page}_link_error"] = refusal.format(kana=kana.char)
        return None

    st.session_state[f"{page}_script"] = kana.script
    groups_key = f"{page}_groups_{kana.script}"
    chosen = list(st.session_state.get(groups_key) or default_groups(page, kana.script))
    if kana.group not in chosen:
        st.session_state[groups_key] = [*chosen, kana.group]
    return kana


def show_kana_in_url(page: str, char: str | None) -> None:
    """Keep ``?kana=`` on the kana the page shows, so the URL can be shared."""
    # NOTE: each new kana adds a browser history entry, so Back steps through
    # the kana shown before; Streamlit 1.67 pushes history whenever the script
    # changes st.query_params (only widgets bound to the URL, when the learner
    # changes them, replace it). We keep the URL, because ?kana= links are
    # how a kana is shared and how Learn opens Write and Read.
    st.session_state[f"{page}_url_kana"] = char
    if char is None:
        if "kana" in st.query_params:
            del st.query_params["kana"]
    elif st.query_params.get_all("kana") != [char]:
        st.query_params["kana"] = char


def _is_kana(char: str) -> bool:
    """Return whether ``char`` is in Unicode's hiragana or katakana blocks."""
    return unicodedata.name(char, "").startswith(_KANA_BLOCKS)


def show_link_error(page: str) -> None:
    """Show, once, why a ``?kana=`` link could not be opened."""
    message = st.session_state.pop(f"{page}_link_error", None)
    if message:
        st.warning(plain(message), icon=":material/link_off:")


def progress_of(page: str) -> Progress:
    """Return the learner's progress on ``page`` for this session."""
    return st.session_state.setdefault(f"{page}_progress", Progress())


def rng_of(page: str) -> random.Random:
    """Return this session's random source for ``page``."""
    return st.session_state.setdefault(f"{page}_rng", random.Random())


def pick_next(page: str, pool: tuple[Kana, ...], previous: str | None) -> Kana:
    """Pick the next kana for ``page``: missed ones come back sooner."""
    return next_kana(pool, progress_of(page), rng_of(page), previous=previous)


def render_progress(page: str) -> None:
    """Show score, streak and the kana missed so far in this session."""
    progress = progress_of(page)
    with st.container(key=f"{page}_progress_box"):
        # A horizontal container keeps the three side by side on a phone.
        with st.container(horizontal=True, gap="large"):
            score = f"{progress.score} / {progress.attempts}"
            # Progress lives in Streamlit's session, which a reload replaces.
            st.metric("Score", score, help=SESSION_ONLY, width="content")
            st.metric("Streak", progress.streak, width="content")
            st.metric("Best streak", progress.best_streak, width="content")
        if progress.missed:
            missed = "  ".join(
                f"{char} ×{count}" if count > 1 else char
                for char, count in progress.missed.items()
            )
            st.caption(f"Missed so far (they come back sooner): {missed}")
