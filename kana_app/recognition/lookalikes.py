"""Characters that look like a kana, and mapping a reader's text to allowed kana.

A general text reader such as Manga OCR reads a drawn カ as the kanji 力 or a
katakana ヘ as hiragana へ. Each entry of ``LOOKALIKE_GROUPS`` lists characters
that a reader can mistake for one another; ``LOOKALIKES`` holds, for every
character, the others it was grouped with, nearest first and in both
directions.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Each group is one shape; a character may sit in several groups. The kana the
# Write page asks for come first in a group, so they are tried first.
LOOKALIKE_GROUPS: tuple[tuple[str, ...], ...] = (
    # Katakana and the kanji, radicals and symbols drawn the same way.
    ("カ", "力"),
    ("ロ", "口", "囗", "□"),
    ("エ", "工"),
    ("ニ", "二", "こ"),
    ("ハ", "八"),
    ("タ", "夕"),
    ("ト", "卜"),
    ("ー", "一", "－", "―", "—", "─", "‐", "-", "~", "〜"),
    ("ミ", "三"),
    ("オ", "才"),
    ("ヌ", "又"),
    ("ム", "厶"),
    ("ヒ", "匕"),
    ("チ", "千"),
    ("メ", "乂", "×"),
    ("ノ", "丿", "/", "／"),
    ("イ", "亻"),
    ("ク", "勹"),
    ("ヨ", "彐"),
    ("ネ", "礻"),
    ("レ", "乚", "し"),
    ("ル", "儿"),
    ("ナ", "十"),
    ("ヰ", "井"),
    ("ヱ", "エ"),
    ("ア", "了"),
    ("く", "〈", "<"),
    ("ろ", "3"),
    # The same shape in both scripts.
    ("ヘ", "へ"),
    ("ベ", "べ"),
    ("ペ", "ぺ"),
    ("リ", "り"),
    ("カ", "か"),
    ("ガ", "が"),
    ("キ", "き"),
    ("ギ", "ぎ"),
    ("セ", "せ"),
    ("ゼ", "ぜ"),
    ("ヤ", "や"),
    ("モ", "も"),
    # Small kana keep their full-size twin's shape.
    ("ぁ", "あ"),
    ("ぃ", "い"),
    ("ぅ", "う"),
    ("ぇ", "え"),
    ("ぉ", "お"),
    ("っ", "つ"),
    ("ゃ", "や"),
    ("ゅ", "ゆ"),
    ("ょ", "よ"),
    ("ゎ", "わ"),
    ("ゕ", "か"),
    ("ゖ", "け"),
    ("ァ", "ア"),
    ("ィ", "イ"),
    ("ゥ", "ウ"),
    ("ェ", "エ"),
    ("ォ", "オ"),
    ("ッ", "ツ"),
    ("ャ", "ヤ"),
    ("ュ", "ユ"),
    ("ョ", "ヨ"),
    ("ヮ", "ワ"),
    ("ヵ", "カ"),
    ("ヶ", "ケ"),
    # Handakuten and dakuten are two small marks at the same place.
    ("ぱ", "ば"),
    ("ぴ", "び"),
    ("ぷ", "ぶ"),
    ("ぺ", "べ"),
    ("ぽ", "ぼ"),
    ("パ", "バ"),
    ("ピ", "ビ"),
    ("プ", "ブ"),
    ("ペ", "ベ"),
    ("ポ", "ボ"),
    # Kana that learners and readers confuse with each other.
    ("シ", "ツ"),
    ("ソ", "ン"),
    ("ソ", "リ"),
    ("ス", "ヌ"),
    ("ク", "タ", "ケ"),
    ("ワ", "ウ", "フ"),
    ("ル", "レ"),
    ("コ", "ユ"),
    ("チ", "テ"),
    ("ナ", "メ"),
    ("マ", "ア", "ム"),
    ("ラ", "ヲ"),
    ("ぬ", "め"),
    ("ね", "れ", "わ"),
    ("る", "ろ"),
    ("は", "ほ", "け"),
    ("さ", "き", "ち"),
    ("あ", "お"),
    ("い", "り", "こ"),
    ("た", "な"),
    ("ち", "ら"),
    ("う", "ら"),
    ("ま", "ほ"),
    ("す", "む"),
    ("し", "つ", "も"),
    ("ゐ", "ろ"),
    ("ゑ", "る"),
)

# U+3099/U+309A combine, U+309B/U+309C and the half-width U+FF9E/U+FF9F do not.
_VOICING_MARKS = {
    "\u3099": "\u3099",
    "\u309b": "\u3099",
    "\uff9e": "\u3099",
    "\u309a": "\u309a",
    "\u309c": "\u309a",
    "\uff9f": "\u309a",
}
# Hiragana and katakana sit 0x60 code points apart.
_SCRIPT_OFFSET = 0x60


def _build_lookalikes(
    groups: Iterable[tuple[str, ...]],
) -> dict[str, tuple[str, ...]]:
    """Link every character of a group to the rest of it, in both directions."""
    links: dict[str, list[str]] = {}
    for group in groups:
        for char in group:
            neighbours = links.setdefault(char, [])
            neighbours.extend(c for c in group if c != char and c not in neighbours)
    return {char: tuple(neighbours) for char, neighbours in links.items()}


LOOKALIKES: dict[str, tuple[str, ...]] = _build_lookalikes(LOOKALIKE_GROUPS)


def normalize_text(text: str) -> str:
    """Fold width variants, join detached (han)dakuten and drop spaces."""
    chars: list[str] = []
    for char in text:
        if char in _VOICING_MARKS and chars:
            joined = unicodedata.normalize("NFC", chars[-1] + _VOICING_MARKS[char])
            if len(joined) == 1:
                chars[-1] = joined
                continue
        chars.append(char)

    # NFKC turns half-width katakana into full width; the marks were joined
    # first because NFKC would detach a spacing dakuten into a space.
    text = unicodedata.normalize("NFKC", "".join(chars))
    return "".join(text.split())


def other_script(char: str) -> str | None:
    """Return the kana with the same sound in the other script, if there is one."""
    code = ord(char)
    if 0x3041 <= code <= 0x3096:
        return chr(code + _SCRIPT_OFFSET)
    if 0x30A1 <= code <= 0x30F6:
        return chr(code - _SCRIPT_OFFSET)
    return None


def map_to_allowed(text: str, allowed: frozenset[str]) -> list[str]:
    """Return the allowed kana that ``text`` could stand for, most likely first.

    Each character of the normalized text is tried in order: itself, its
    lookalikes, their lookalikes, then the same sound in the other script.
    A text that is itself an allowed kana (a yoon such as きゃ) comes first.
    """
    text = normalize_text(text)
    found: list[str] = []

    def add(candidate: str | None) -> None:
        if candidate in allowed and candidate not in found:
            found.append(candidate)

    add(text)
    for char in text:
        add(char)
        near = LOOKALIKES.get(char, ())
        for lookalike in near:
            add(lookalike)
        for lookalike in near:
            for second in LOOKALIKES.get(lookalike, ()):
                add(second)
        # NOTE: the same sound in the other script is not a lookalike; it is the
        # last resort because a reader that answers in the wrong script still
        # says which kana it saw.
        for source in (char, *near):
            add(other_script(source))
    return found
