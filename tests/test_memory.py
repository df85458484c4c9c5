"""Memory handed back after sessions end: when it runs, and what it frees."""

from __future__ import annotations

import asyncio
import gc
import weakref

import pytest

from kana_app import memory


class _Ended(Exception):
    """Raised by the fake session count once its script runs out."""


def _counts(*values: int | None):
    remaining = list(values)

    def count() -> int | None:
        if not remaining:
            raise _Ended
        return remaining.pop(0)

    return count


def _run(count) -> None:
    with pytest.raises(_Ended):
        asyncio.run(memory.reclaim_after_sessions_end(count, interval_s=0))


def test_it_reclaims_only_when_sessions_have_ended(monkeypatch):
    reclaimed = []
    monkeypatch.setattr(memory, "reclaim_memory", lambda: reclaimed.append(1))

    _run(_counts(2, 5, 5, 3, 3, 4, 0, 0))

    # 5 -> 3 and 4 -> 0: two reclaims; growth and steady counts none.
    assert len(reclaimed) == 2


def test_an_unknown_count_never_triggers_a_reclaim(monkeypatch):
    reclaimed = []
    monkeypatch.setattr(memory, "reclaim_memory", lambda: reclaimed.append(1))

    _run(_counts(None, 3, None, 1, None))

    assert reclaimed == []


def test_without_a_running_server_the_count_is_unknown():
    assert memory.count_sessions() is None


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_reclaim_frees_what_only_a_cycle_kept_alive():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        first, second = _Node(), _Node()
        first.other, second.other = second, first
        alive = weakref.ref(first)
        del first, second
        assert alive() is not None

        memory.reclaim_memory()

        assert alive() is None
    finally:
        if was_enabled:
            gc.enable()


def test_the_count_comes_from_a_running_runtime(monkeypatch):
    from streamlit.runtime import Runtime

    class _Sessions:
        def num_sessions(self) -> int:
            return 7

    class _Runtime:
        _session_mgr = _Sessions()

    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: _Runtime()))

    assert memory.count_sessions() == 7


def test_a_runtime_without_the_count_is_reported_not_raised(monkeypatch, caplog):
    from streamlit.runtime import Runtime

    monkeypatch.setattr(Runtime, "instance", classmethod(lambda cls: object()))

    assert memory.count_sessions() is None
    assert "memory is not reclaimed" in caplog.text


def test_streamlits_runtime_still_keeps_the_session_count():
    # count_sessions reads a private attribute of the pinned Streamlit: this
    # fails on an upgrade that renames it, instead of reclaiming silently never.
    import inspect

    from streamlit.runtime import Runtime
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

    assert "self._session_mgr =" in inspect.getsource(Runtime.__init__)
    assert callable(WebsocketSessionManager.num_sessions)
