"""Export the kana strokes of the installed ``kanjivg`` package to the app's data.

Run with ``python -m training.export_kanjivg``. The output is derived from
KanjiVG (CC BY-SA 3.0, Ulrich Apel and contributors) and ships under the same
licence.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path

from kana_app.kana.strokes import DATA_FILE

_PATH = re.compile(r'<path[^>]*\bd="([^"]+)"')
# Every hiragana and katakana code point, the long-vowel mark included.
CODEPOINTS = [*range(0x3041, 0x3097), *range(0x30A1, 0x30FB), 0x30FC]


def find_kanjivg_dir() -> Path:
    """Return the folder of KanjiVG SVG files that the ``kanjivg`` wheel installs."""
    for file in importlib.metadata.files("kanjivg") or []:
        if file.name.endswith(".svg"):
            return Path(file.locate()).parent
    raise FileNotFoundError("no KanjiVG SVG files found: pip install kanjivg")


def export(out: Path = DATA_FILE) -> dict[str, list[str]]:
    """Write the stroke paths of every kana to ``out`` and return them."""
    folder = find_kanjivg_dir()
    strokes = {}
    for cp in CODEPOINTS:
        svg = (folder / f"{cp:05x}.svg").read_text(encoding="utf-8")
        strokes[chr(cp)] = _PATH.findall(svg)

    payload = {
        "source": "KanjiVG " + importlib.metadata.version("kanjivg"),
        "licence": "CC BY-SA 3.0, (C) Ulrich Apel and the KanjiVG contributors",
        "url": "https://kanjivg.tagaini.net",
        "viewbox": 109,
        "strokes": strokes,
    }
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=0) + "\n", "utf-8")
    return strokes


if __name__ == "__main__":
    written = export()
    print(f"wrote {len(written)} kana to {DATA_FILE}")
