"""The Kana web server: ``streamlit run kana_app/server.py``.

The same app as ``streamlit run kana_app/streamlit_app.py``, with Streamlit's
static files answered from memory (see ``static_cache``), which roughly
halves what a learner's first visit costs the server.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from kana_app.static_cache import StaticAssetCache

app = st.App(
    Path(__file__).with_name("streamlit_app.py"),
    middleware=[Middleware(StaticAssetCache)],
)
