"""Japanese fonts from Debian packages: printed and brush kana for training.

Training uses TRAINING_FONTS; HELD_OUT_FONTS never reach training and make the
unseen-fonts test set. Every font here is free software packaged by Debian.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from training.synth import TRAINING_PEN, PenStyle, capture

FONT_ROOT = Path("/usr/share/fonts")


@dataclass(frozen=True)
class Font:
    package: str  # the Debian package that installs it
    path: str  # under FONT_ROOT
    index: int = 0  # face index in a collection (.ttc)

    @property
    def file(self) -> Path:
        return FONT_ROOT / self.path


TRAINING_FONTS = (
    Font("fonts-noto-cjk", "opentype/noto/NotoSansCJK-Regular.ttc", 0),
    Font("fonts-noto-cjk", "opentype/noto/NotoSansCJK-Bold.ttc", 0),
    Font("fonts-noto-cjk", "opentype/noto/NotoSerifCJK-Regular.ttc", 0),
    Font("fonts-ipafont-gothic", "opentype/ipafont-gothic/ipag.ttf"),
    Font("fonts-ipafont-mincho", "opentype/ipafont-mincho/ipam.ttf"),
    Font("fonts-takao-gothic", "truetype/takao-gothic/TakaoGothic.ttf"),
    Font("fonts-vlgothic", "truetype/vlgothic/VL-Gothic-Regular.ttf"),
    Font("fonts-motoya-l-cedar", "truetype/motoya-l-cedar/MTLc3m.ttf"),
    Font("fonts-seto", "truetype/seto/setofont.ttf"),
    Font("fonts-kiloji", "truetype/kiloji/kiloji.ttf"),
    Font("fonts-kiloji", "truetype/kiloji/kiloji_b.ttf"),
    Font("fonts-aoyagi-soseki", "truetype/aoyagi-soseki/aoyagi-soseki.ttf"),
    Font("fonts-kouzan-mouhitsu", "truetype/kouzan-mouhitsu/kouzan-mouhitsu.ttf"),
    Font("fonts-horai-umefont", "truetype/horai-umefont/ume-hgo4.ttf"),
    Font("fonts-horai-umefont", "truetype/horai-umefont/ume-tmo3.ttf"),
    Font("fonts-horai-umefont", "truetype/horai-umefont/ume-pgc5.ttf"),
    Font("fonts-komatuna", "truetype/komatuna/komatuna.ttf"),
    Font("fonts-mplus", "opentype/mplus/Mplus1-Regular.otf"),
    Font("fonts-mplus", "opentype/mplus/Mplus2-Bold.otf"),
    Font(
        "fonts-sawarabi-gothic", "truetype/sawarabi-gothic/sawarabi-gothic-medium.ttf"
    ),
    Font("fonts-hanazono", "truetype/hanazono/HanaMinA.ttf"),
)
# Other families, never trained on: how the model does on unseen lettering.
HELD_OUT_FONTS = (
    Font("fonts-klee", "truetype/klee/KleeOne-Regular.ttf"),
    Font("fonts-klee", "truetype/klee/KleeOne-SemiBold.ttf"),
    Font("fonts-motoya-l-maruberi", "truetype/motoya-l-maruberi/MTLmr3m.ttf"),
    Font(
        "fonts-sawarabi-mincho", "truetype/sawarabi-mincho/sawarabi-mincho-medium.ttf"
    ),
    Font("fonts-ipaexfont-gothic", "opentype/ipaexfont-gothic/ipaexg.ttf"),
    Font(
        "fonts-kouzan-mouhitsu", "truetype/kouzan-mouhitsu/kouzan-mouhitsu-gyosho.ttf"
    ),
)


def check_fonts(fonts: tuple[Font, ...]) -> None:
    """Raise SystemExit naming the Debian packages of any missing font file."""
    missing = sorted({f.package for f in fonts if not f.file.is_file()})
    if missing:
        raise SystemExit(
            "Japanese fonts are missing. Install them with:\n"
            f"  sudo apt-get install {' '.join(missing)}\n"
            f"(looked under {FONT_ROOT})"
        )


@functools.cache
def _load(font: Font, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font.file), size, index=font.index)


@functools.cache
def has_glyph(font: Font, char: str) -> bool:
    """Tell whether ``font`` draws ``char`` itself rather than a missing-glyph box."""
    face = _load(font, 48)
    mask = face.getmask(char)
    if mask.getbbox() is None:
        return False
    missing = face.getmask("\U0010fffd")
    if mask.size == missing.size and bytes(mask) == bytes(missing):
        return False
    return True


def print_kana(
    char: str,
    font: Font,
    rng: np.random.Generator,
    pen: PenStyle = TRAINING_PEN,
    distort: bool = True,
) -> Image.Image:
    """Render ``char`` in ``font`` as a slightly distorted, captured picture."""
    size = int(rng.integers(24, 110))
    face = _load(font, size)
    side = int(size * rng.uniform(1.1, 1.8))
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    left, top, right, bottom = draw.textbbox((0, 0), char, font=face)
    room = (side - (right - left), side - (bottom - top))
    at = (
        rng.uniform(0, max(room[0], 0)) - left,
        rng.uniform(0, max(room[1], 0)) - top,
    )
    draw.text(at, char, fill=255, font=face)

    if distort:
        mask = _affine(mask, rng)
        if rng.random() < 0.3:
            # Thin or thick ink: erode or dilate the printed glyph.
            mask = mask.filter(
                ImageFilter.MaxFilter(3)
                if rng.random() < 0.5
                else ImageFilter.MinFilter(3)
            )
    return capture(mask, rng, pen)


def _affine(mask: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Rotate, slant and stretch a glyph mask around its centre."""
    angle = np.radians(rng.normal(0, 6))
    slant = rng.normal(0, 0.12)
    aspect = np.exp(rng.normal(0, 0.1))
    forward = np.array(
        [[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]]
    )
    forward = forward @ np.array([[aspect, slant], [0.0, 1 / aspect]])
    inverse = np.linalg.inv(forward)
    centre = np.array(mask.size) / 2
    shift = centre - inverse @ centre
    coefficients = (
        inverse[0, 0],
        inverse[0, 1],
        shift[0],
        inverse[1, 0],
        inverse[1, 1],
        shift[1],
    )
    return mask.transform(
        mask.size, Image.Transform.AFFINE, coefficients, Image.Resampling.BILINEAR
    )
