"""Hand a closed session's memory back to the system once Streamlit drops it.

Streamlit's post-run garbage collection is off (``.streamlit/config.toml``):
it cost about 50 ms a click. A dropped session's objects are mostly freed by
reference counting, but the cycles among them wait for Python's collector,
and the C allocator keeps the pages it freed for later. So a task's memory
stayed where its busiest hour left it. Here, whenever the number of sessions
has fallen since the last look, the server collects once and asks glibc to
trim its heaps: a few tens of milliseconds, only after learners leave.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import functools
import gc
import logging
import time
from collections.abc import Callable
from typing import Final

logger = logging.getLogger(__name__)

RECLAIM_INTERVAL_S: Final = 10.0


def count_sessions() -> int | None:
    """Return how many sessions Streamlit holds, or None when unknown."""
    from streamlit.runtime import Runtime

    try:
        runtime = Runtime.instance()
    except RuntimeError:  # not started yet
        return None
    # NOTE: Streamlit 1.67 has no public session count; its session
    # manager's is the one its own stats use.
    try:
        return runtime._session_mgr.num_sessions()
    except AttributeError:
        _warn_once("Streamlit's session count is gone; memory is not reclaimed")
        return None


@functools.cache
def _warn_once(message: str) -> None:
    logger.warning(message)


def _load_malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None


_MALLOC_TRIM: Final = _load_malloc_trim()


def reclaim_memory() -> None:
    """Collect garbage cycles, then return the allocator's free pages."""
    gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


async def reclaim_after_sessions_end(
    count: Callable[[], int | None] = count_sessions,
    interval_s: float = RECLAIM_INTERVAL_S,
) -> None:
    """Run forever: reclaim memory each time the session count has fallen."""
    last = count()
    while True:
        await asyncio.sleep(interval_s)
        now = count()
        if now is not None and last is not None and now < last:
            started = time.perf_counter()
            reclaim_memory()
            logger.debug(
                "Reclaimed memory in %.0f ms: sessions %d -> %d",
                (time.perf_counter() - started) * 1000,
                last,
                now,
            )
        last = now
