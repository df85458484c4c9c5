"""The Kana web app: ``streamlit run kana_app/streamlit_app.py``."""

import streamlit as st

from kana_app.views.shared import start_app
from kana_app.views.site import app_pages

# NOTE: Streamlit 1.67 draws only an emoji page icon itself; other text, such
# as "あ", is taken for a URL that the browser fetches again after every click.
st.set_page_config(page_title="Kana", page_icon="✍️", layout="centered")
start_app()
st.navigation(list(app_pages().values()), position="top").run()
