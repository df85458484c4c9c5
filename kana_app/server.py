"""The Kana web server: ``streamlit run kana_app/server.py``.

The same app as ``streamlit run kana_app/streamlit_app.py``, plus what a
server with many learners needs: Streamlit's static files answered from
memory (``static_cache``), which cuts what a first visit costs the server by
more than half, and memory handed back after sessions end (``memory``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from kana_app.memory import reclaim_after_sessions_end
from kana_app.static_cache import StaticAssetCache


@contextlib.asynccontextmanager
async def _lifespan(_app: st.App) -> AsyncIterator[None]:
    reclaimer = asyncio.create_task(reclaim_after_sessions_end())
    try:
        yield None
    finally:
        reclaimer.cancel()


app = st.App(
    Path(__file__).with_name("streamlit_app.py"),
    middleware=[Middleware(StaticAssetCache)],
    lifespan=_lifespan,
)
