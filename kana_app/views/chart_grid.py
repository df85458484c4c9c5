"""The kana charts as one small HTML grid element, drawn in the browser.

One element per page instead of a Streamlit button per kana: a hundred-odd
buttons cost the server about 60 ms on every rerun, this costs about one.
Each cell is a real <button> (keyboard and screen readers work), and sends
the picked kana back as a one-off trigger.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from kana_app.kana.tables import GROUPS, Kana, chart_columns, chart_rows
from kana_app.views.shared import widget_key

CHART_KEY = "learn_chart"
# Cells are addressed as learn_<code points> ("learn_304b" for か).
CELL_KEY_PREFIX = "learn"

_CSS = """
.kana-charts { color: var(--st-text-color); font-family: var(--st-font, sans-serif); }
.kana-charts h3 { font-size: 1.25rem; font-weight: 600; margin: 1.25rem 0 0.5rem; }
.kana-grid { display: grid; gap: 0.5rem; width: max-content; max-width: 100%; }
.kana-head { text-align: center; font-size: 0.85rem; opacity: 0.6; }
.kana-grid button {
  width: 3.6rem; min-height: 3.4rem; padding: 0.25rem 0;
  border: 1px solid var(--st-border-color, #ccc);
  border-radius: var(--st-base-radius, 0.5rem);
  background: var(--st-background-color, #fff); color: inherit;
  font: inherit; cursor: pointer; line-height: 1.2;
}
.kana-grid button:hover { border-color: var(--st-primary-color); }
.kana-grid button:focus-visible { outline: 2px solid var(--st-primary-color); }
.kana-grid button[aria-pressed="true"] {
  background: var(--st-primary-color); border-color: var(--st-primary-color);
  color: #fff;
}
.kana-grid .kana { display: block; font-size: 1.2rem; }
.kana-grid .romaji { display: block; font-size: 0.75rem; }
"""

_JS = """
export default function ({ data, parentElement, setTriggerValue }) {
  const root = parentElement.querySelector(".kana-charts");
  root.replaceChildren();
  for (const group of data.groups) {
    const heading = document.createElement("h3");
    heading.textContent = group.label;
    const grid = document.createElement("div");
    grid.className = "kana-grid";
    grid.style.gridTemplateColumns = `repeat(${group.columns.length}, 3.6rem)`;
    for (const column of group.columns) {
      const head = document.createElement("div");
      head.className = "kana-head";
      head.textContent = column;
      grid.append(head);
    }
    for (const cell of group.cells) {
      const slot = document.createElement("div");
      if (cell) {
        // The class a Streamlit button keyed like this would carry, so that
        // tests address a cell the same way as any other widget.
        slot.className = `st-key-${cell.key}`;
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.kana = cell.char;
        button.setAttribute("aria-pressed", String(cell.char === data.selected));
        button.setAttribute("aria-label", `${cell.char} ${cell.romaji}`);
        const kana = document.createElement("span");
        kana.className = "kana";
        kana.lang = "ja";
        kana.textContent = cell.label;
        const romaji = document.createElement("span");
        romaji.className = "romaji";
        romaji.textContent = cell.romaji;
        button.append(kana, romaji);
        button.addEventListener("click", () => {
          root.dataset.picked = "true";
          setTriggerValue("picked", cell.char);
        });
        slot.append(button);
      }
      grid.append(slot);
    }
    root.append(heading, grid);
  }
  // After a pick, bring the kana's close-up (drawn above the charts) into view.
  if (root.dataset.picked === "true") {
    root.dataset.picked = "false";
    const detail = document.querySelector(".st-key-learn_detail");
    if (detail) {
      detail.style.scrollMarginTop = "4.5rem";  // clear of the top bar
      detail.scrollIntoView({ block: "start" });
    }
  }
}
"""

_chart_component = st.components.v2.component(
    "kana.chart_grid",
    html='<div class="kana-charts"></div>',
    css=_CSS,
    js=_JS,
)


def render_charts(
    script: str,
    groups: tuple[str, ...],
    *,
    selected: str | None,
    on_pick: Callable[[], None],
) -> None:
    """Draw the charts of ``groups``; ``on_pick`` runs when a kana is picked."""
    data = {"groups": _chart_data(script, groups), "selected": selected}
    _chart_component(
        key=CHART_KEY, data=data, on_picked_change=on_pick, width="stretch"
    )


def picked_kana() -> str | None:
    """Return the kana the learner has just picked in the chart, if any."""
    state = st.session_state.get(CHART_KEY)
    return None if state is None else state.get("picked")


@functools.cache
def _chart_data(script: str, groups: tuple[str, ...]) -> list[dict[str, Any]]:
    """Build the grid's data once per choice of script and groups."""
    return [
        {
            "label": GROUPS[group],
            "columns": list(chart_columns(group)),
            "cells": [
                _cell(kana) if kana else None
                for row in chart_rows(script, group)
                for kana in row
            ],
        }
        for group in groups
    ]


def _cell(kana: Kana) -> dict[str, str]:
    label = f"({kana.char})" if kana.is_archaic else kana.char
    romaji = "-" if kana.group == "mark" else kana.romaji
    key = widget_key(CELL_KEY_PREFIX, kana.char)
    return {"char": kana.char, "label": label, "romaji": romaji, "key": key}
