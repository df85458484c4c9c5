"""Rewrite the golden recognizer outputs after a deliberate model change.

Run ``python tests/recognition/golden/regenerate.py`` from the repository root
after changing the model or preprocessing on purpose, and review the diff of
expected.json. ``--inputs`` also redraws the input drawings (only when the set
of cases itself changes).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))

from kana_app.recognition import recognize  # noqa: E402

EXPECTED = HERE / "expected.json"
HIRAGANA = "hiragana"
KATAKANA = "katakana"
# file -> (script the page would allow, canvas size for strokes or None)
CASES = {
    "ka_canvas.png": (HIRAGANA, None),
    "nu_pencil.png": (HIRAGANA, None),
    "so_canvas.png": (KATAKANA, None),
    "shi_pencil.png": (KATAKANA, None),
    "small_tsu_canvas.png": (HIRAGANA, None),
    "hatching.png": (HIRAGANA, None),
    "blank.png": (HIRAGANA, None),
    "ne_strokes.json": (HIRAGANA, [300, 300]),
    "vu_strokes.json": (KATAKANA, [300, 300]),
    "dot_strokes.json": (KATAKANA, [300, 300]),
}


def script_kana(script: str) -> frozenset[str]:
    """Return every kana of ``script`` the Write page may ask for."""
    if script == HIRAGANA:
        return frozenset(chr(c) for c in range(0x3041, 0x3097))
    return frozenset(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー"}


def load_drawing(name: str):
    path = HERE / name
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    from PIL import Image

    with Image.open(path) as image:
        image.load()
        return image


def run_case(name: str) -> dict:
    """Recognize one golden input the way the Write page would."""
    script, canvas = CASES[name]
    result = recognize(
        load_drawing(name),
        script_kana(script),
        canvas_size=tuple(canvas) if canvas else None,
        top_k=3,
    )
    return {
        "is_kana": result.is_kana,
        "reason": result.reason,
        "guesses": [[g.kana, round(g.probability, 4)] for g in result.guesses],
    }


def make_inputs() -> None:
    """Draw the input files (needs the training package, not torch)."""
    import numpy as np
    from PIL import Image, ImageDraw

    from training.heldout import _pen_picture, _to_canvas, alt_strokes

    rng = np.random.default_rng(2026)

    def drawn(kana: str, fill: float, transparent: bool):
        strokes = _to_canvas(alt_strokes(kana, rng), rng, fill)
        return _pen_picture(strokes, rng, transparent=transparent)

    drawn("か", 0.8, True).save(HERE / "ka_canvas.png")
    drawn("ぬ", 0.75, False).save(HERE / "nu_pencil.png")
    drawn("ソ", 0.7, True).save(HERE / "so_canvas.png")
    drawn("シ", 0.8, False).save(HERE / "shi_pencil.png")
    drawn("っ", 0.35, True).save(HERE / "small_tsu_canvas.png")

    hatching = Image.new("RGB", (200, 200), "white")
    draw = ImageDraw.Draw(hatching)
    for i in range(12):
        draw.line((30, 30 + i * 12, 170, 40 + i * 11), fill="black", width=4)
        draw.line((30 + i * 12, 30, 45 + i * 11, 170), fill="black", width=4)
    hatching.save(HERE / "hatching.png")
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(HERE / "blank.png")

    for name, kana in (("ne_strokes.json", "ね"), ("vu_strokes.json", "ヴ")):
        strokes = _to_canvas(alt_strokes(kana, rng), rng, 0.75)
        data = [s.astype(int).tolist() for s in strokes]
        (HERE / name).write_text(json.dumps(data), encoding="utf-8")
    (HERE / "dot_strokes.json").write_text(
        "[[[150, 150], [152, 151]]]", encoding="utf-8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", action="store_true", help="redraw the inputs too")
    args = parser.parse_args()
    if args.inputs:
        make_inputs()
    # One case per line keeps the diff of a regeneration easy to review.
    lines = [
        f"{json.dumps(name)}: {json.dumps(run_case(name), ensure_ascii=False)}"
        for name in CASES
    ]
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {EXPECTED}")


if __name__ == "__main__":
    main()
