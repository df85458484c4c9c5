"""Make Check send the canvas's latest strokes before the form is submitted.

streamlit-drawable-canvas 0.13 sends a drawing 200 ms after the last change.
Inside a form that value only reaches the server with the next submit, so a
stroke finished less than 200 ms before Check would be graded one Check late.
The canvas's own toolbar has a button that sends the drawing at once; this
element presses it, in the capture phase, whenever the learner presses Check.
Nothing is sent while drawing, so strokes still cost no rerun.
"""

from __future__ import annotations

import streamlit as st

# Keys of the widgets this element ties together (page contracts).
CHECK_KEY = "check"
CANVAS_KEY_PREFIX = "canvas"
FLUSH_KEY = "flush_on_check"

# The toolbar button's accessible name in streamlit-drawable-canvas 0.13.
_SEND_LABEL = "Update the app with this drawing"

_JS = """
export default function () {
  // One set of listeners per browser tab, however often the page reruns.
  if (window.__kanaCanvasFlush) return;
  window.__kanaCanvasFlush = true;

  const sendButton = (host) => {
    const roots = [host];
    host.querySelectorAll("*").forEach((el) => {
      if (el.shadowRoot) roots.push(el.shadowRoot);
    });
    for (const root of roots) {
      const button = root.querySelector('button[aria-label="%(label)s"]');
      if (button) return button;
    }
    return null;
  };

  const flush = (event) => {
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") {
      return;
    }
    const target = event.target;
    if (!(target instanceof Element)) return;
    const check = target.closest(".st-key-%(check)s");
    if (!check) return;
    const scope = check.closest('[data-testid="stForm"]') || document;
    scope.querySelectorAll('[class*="st-key-%(canvas)s"]').forEach((host) => {
      const button = sendButton(host);
      if (button) button.click();
    });
  };

  for (const type of ["pointerdown", "keydown", "click"]) {
    document.addEventListener(type, flush, true);
  }
}
""" % {"label": _SEND_LABEL, "check": CHECK_KEY, "canvas": CANVAS_KEY_PREFIX}

_flush_component = st.components.v2.component("kana.canvas_flush", js=_JS)


def mount_canvas_flush() -> None:
    """Mount the (invisible) element; call it once on a page with a canvas."""
    _flush_component(key=FLUSH_KEY, width="content", height="content")
