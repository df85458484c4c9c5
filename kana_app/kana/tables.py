"""The kana a learner meets, both scripts, as data: romaji, spellings, chart place.

Everything here is built once at import from the compact tables below; the
rest of the app reads ``ALL_KANA`` and the helpers, never the raw tables.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

SCRIPTS = ("hiragana", "katakana")

GROUPS: dict[str, str] = {
    "a": "a row",
    "ka": "ka row",
    "sa": "sa row",
    "ta": "ta row",
    "na": "na row",
    "ha": "ha row",
    "ma": "ma row",
    "ya": "ya row",
    "ra": "ra row",
    "wa": "wa row and n",
    "dakuten": "Dakuten (゛)",
    "handakuten": "Handakuten (゜)",
    "small": "Small kana",
    "yoon": "Yoon (kya, sha, ...)",
    "extended": "Extended katakana",
    "mark": "Long vowel mark",
}
GOJUON_GROUPS = ("a", "ka", "sa", "ta", "na", "ha", "ma", "ya", "ra", "wa")
# Groups that exist in one script only.
KATAKANA_ONLY_GROUPS = ("extended", "mark")

# Chart column headers: five vowel columns, or the three yoon columns.
VOWEL_COLUMNS = ("a", "i", "u", "e", "o")
YOON_COLUMNS = ("ya", "yu", "yo")

# ゐ ゑ and their katakana left everyday spelling in 1946; charts still show
# them in brackets, but practice pools leave them out unless asked.
ARCHAIC = frozenset("ゐゑヰヱ")

# Each gojuon line: group, row id, hiragana, katakana, romaji per cell.
# "_" is an empty cell; "|" separates the accepted spellings, canonical
# (Hepburn) first, then Kunrei / Nihon-shiki and other common ones.
_GOJUON = (
    ("a", "", "あいうえお", "アイウエオ", "a i u e o"),
    ("ka", "k", "かきくけこ", "カキクケコ", "ka ki ku ke ko"),
    ("sa", "s", "さしすせそ", "サシスセソ", "sa shi|si su se so"),
    ("ta", "t", "たちつてと", "タチツテト", "ta chi|ti tsu|tu te to"),
    ("na", "n", "なにぬねの", "ナニヌネノ", "na ni nu ne no"),
    ("ha", "h", "はひふへほ", "ハヒフヘホ", "ha hi fu|hu he ho"),
    ("ma", "m", "まみむめも", "マミムメモ", "ma mi mu me mo"),
    ("ya", "y", "や_ゆ_よ", "ヤ_ユ_ヨ", "ya _ yu _ yo"),
    ("ra", "r", "らりるれろ", "ラリルレロ", "ra ri ru re ro"),
    # Modern Hepburn writes ゐ ゑ を as i e o; prompts keep the w so that
    # they differ from い え お, and both spellings are right.
    ("wa", "w", "わゐ_ゑを", "ワヰ_ヱヲ", "wa wi|i _ we|e wo|o"),
    ("wa", "nn", "ん____", "ン____", "n|nn|n' _ _ _ _"),
    ("dakuten", "g", "がぎぐげご", "ガギグゲゴ", "ga gi gu ge go"),
    ("dakuten", "z", "ざじずぜぞ", "ザジズゼゾ", "za ji|zi zu ze zo"),
    # NOTE: Hepburn writes ぢ づ as ji zu, exactly like じ ず, so a prompt
    # showing "ji" could not say which one to draw. Prompts show the
    # Nihon-shiki di du instead (also what a keyboard needs to type them),
    # and ji zu are accepted as answers.
    ("dakuten", "d", "だぢづでど", "ダヂヅデド", "da di|ji du|zu de do"),
    ("dakuten", "b", "ばびぶべぼ", "バビブベボ", "ba bi bu be bo"),
    ("handakuten", "p", "ぱぴぷぺぽ", "パピプペポ", "pa pi pu pe po"),
)

# Small kana: the sound of the big kana it shrinks. A prompt calls it
# "small a"; typed answers are what a Japanese keyboard (IME) takes: x or l
# before the sound.
_SMALL = (
    ("", "ぁぃぅぇぉ", "ァィゥェォ", "a i u e o"),
    ("y", "ゃ_ゅ_ょ", "ャ_ュ_ョ", "ya _ yu _ yo"),
    ("w", "ゎ____", "ヮ____", "wa _ _ _ _"),
    ("t", "__っ__", "__ッ__", "_ _ tsu|tu _ _"),
)
# NOTE: ヵ and ヶ are left out: a learner meets them as shorthand inside
# names and counters (霞ヶ関 is Kasumigaseki), not as a sound to practise.

# Yoon: row id, the i-column kana (hiragana), then ya yu yo spellings.
# ぢゃ ぢゅ ぢょ are left out: modern spelling uses じゃ じゅ じょ.
_YOON = (
    ("ky", "き", "kya kyu kyo"),
    ("sh", "し", "sha|sya shu|syu sho|syo"),
    ("ch", "ち", "cha|tya|cya chu|tyu|cyu cho|tyo|cyo"),
    ("ny", "に", "nya nyu nyo"),
    ("hy", "ひ", "hya hyu hyo"),
    ("my", "み", "mya myu myo"),
    ("ry", "り", "rya ryu ryo"),
    ("gy", "ぎ", "gya gyu gyo"),
    ("j", "じ", "ja|zya|jya ju|zyu|jyu jo|zyo|jyo"),
    ("by", "び", "bya byu byo"),
    ("py", "ぴ", "pya pyu pyo"),
)

# Extended katakana for sounds from other languages: the two tables of the
# Japanese government's 1991 notice on loanword spelling. Row id, then the
# five a i u e o cells as in the gojuon lines.
_EXTENDED = (
    ("y", "___イェ_", "_ _ _ ye _"),
    ("w", "_ウィ_ウェウォ", "_ wi|whi _ we|whe wo|who"),
    ("kw", "クァクィ_クェクォ", "kwa|qa kwi|qi _ kwe|qe kwo|qo"),
    ("gw", "グァ____", "gwa _ _ _ _"),
    ("sh", "___シェ_", "_ _ _ she|sye _"),
    ("j", "___ジェ_", "_ _ _ je|zye|jye _"),
    ("ch", "___チェ_", "_ _ _ che|tye|cye _"),
    ("ts", "ツァツィ_ツェツォ", "tsa tsi _ tse tso"),
    ("t", "_ティトゥ__", "_ ti|thi tu|twu _ _"),
    ("d", "_ディドゥ__", "_ di|dhi du|dwu _ _"),
    ("ty", "__テュ__", "_ _ tyu|thu _ _"),
    ("dy", "__デュ__", "_ _ dyu|dhu _ _"),
    ("f", "ファフィ_フェフォ", "fa fi _ fe fo"),
    ("fy", "__フュ__", "_ _ fyu _ _"),
    ("v", "ヴァヴィヴヴェヴォ", "va vi vu ve vo"),
    ("vy", "__ヴュ__", "_ _ vyu _ _"),
)

LONG_VOWEL_MARK = "ー"
# Small kana that join the kana before them into one cell (ファ, ヴュ).
_COMBINING_SMALL = frozenset("ァィゥェォャュョ")
# ー has no sound of its own: it lengthens the vowel before it. A keyboard
# types it with "-"; the learner may also name it.
_MARK_SPELLINGS = ("long vowel mark", "-", "long vowel", "chouon", "chōon")

# Notes for the Learn page, keyed by the hiragana form (katakana share them).
_NOTES = {
    "ぢ": "Hepburn writes it ji, like じ (ジ); keyboards type it di.",
    "づ": "Hepburn writes it zu, like ず (ズ); keyboards type it du.",
    "を": "Said o; today it marks the object of a sentence.",
    "ゐ": "Archaic: modern spelling uses the i kana instead.",
    "ゑ": "Archaic: modern spelling uses the e kana instead.",
    "ん": "Before a vowel or y, type n' or nn: kin'en is きんえん, kinen きねん.",
    "っ": "Doubles the next consonant: きって is kitte, ベッド is beddo.",
    "ゔ": "Writes the v of foreign words: ヴァイオリン is vaiorin.",
    "ー": "Lengthens the vowel before it: コーヒー is koohii.",
}


@dataclass(frozen=True)
class Kana:
    """One kana (or yoon / extended pair) with everything the app shows."""

    char: str
    script: str
    romaji: str
    spellings: tuple[str, ...]
    group: str
    row: str
    column: int
    is_archaic: bool = False
    note: str = ""

    @property
    def is_single(self) -> bool:
        return len(self.char) == 1

    @property
    def is_writable(self) -> bool:
        """Whether the Write page can ask for it.

        Small kana are: the recognizer tells っ from つ by the size of the
        ink relative to the canvas. NOTE: ー is not; it is a mark that
        lengthens a vowel, and a lone dash would be a poor writing prompt.
        """
        return self.is_single and self.group != "mark"


def _cells(chars: str) -> list[str | None]:
    """Split a table line into cells: one kana each, plus its small kana."""
    cells: list[str | None] = []
    for ch in chars:
        if ch == "_":
            cells.append(None)
        elif ch in _COMBINING_SMALL and cells and cells[-1] is not None:
            cells[-1] += ch
        else:
            cells.append(ch)
    return cells


def _to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def _spelling_cells(spec: str) -> list[tuple[str, ...] | None]:
    return [None if s == "_" else tuple(s.split("|")) for s in spec.split()]


def _to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def _make(
    char: str,
    script: str,
    spellings: tuple[str, ...],
    group: str,
    row: str,
    column: int,
) -> Kana:
    note = _NOTES.get(_to_hiragana(char), "")
    return Kana(
        char=char,
        script=script,
        romaji=spellings[0],
        spellings=spellings,
        group=group,
        row=row,
        column=column,
        is_archaic=char in ARCHAIC,
        note=note,
    )


def _build() -> tuple[Kana, ...]:
    table: list[Kana] = []

    for script in SCRIPTS:
        kata = script == "katakana"

        for group, row, hira, kata_chars, spec in _GOJUON:
            chars = _cells(kata_chars if kata else hira)
            cells = zip(chars, _spelling_cells(spec), strict=True)
            for column, (ch, sp) in enumerate(cells):
                if ch is not None and sp is not None:
                    table.append(_make(ch, script, sp, group, row, column))

        for row, hira, kata_chars, spec in _SMALL:
            chars = list(kata_chars if kata else hira)
            cells = zip(chars, _spelling_cells(spec), strict=True)
            for column, (ch, sp) in enumerate(cells):
                if ch == "_" or sp is None:
                    continue
                spellings = (f"small {sp[0]}",) + tuple(
                    prefix + s for s in sp for prefix in ("x", "l")
                )
                table.append(_make(ch, script, spellings, "small", row, column))

        for row, head, spec in _YOON:
            cells = zip("ゃゅょ", _spelling_cells(spec), strict=True)
            for column, (small, sp) in enumerate(cells):
                ch = _to_katakana(head + small) if kata else head + small
                table.append(_make(ch, script, sp, "yoon", row, column))

        if kata:
            for row, chars, spec in _EXTENDED:
                cells = _cells(chars)
                spellings = _spelling_cells(spec)
                for column, (ch, sp) in enumerate(zip(cells, spellings, strict=True)):
                    if ch is not None and sp is not None:
                        table.append(_make(ch, script, sp, "extended", row, column))
            table.append(
                _make(LONG_VOWEL_MARK, script, _MARK_SPELLINGS, "mark", "", 0)
            )

    return tuple(table)


ALL_KANA: tuple[Kana, ...] = _build()
_BY_CHAR: dict[str, Kana] = {k.char: k for k in ALL_KANA}


def get_kana(char: str) -> Kana:
    """Return the kana for ``char`` ("か", "きゃ", "ファ")."""
    try:
        return _BY_CHAR[char]
    except (KeyError, TypeError):
        raise ValueError(f"char must be a kana from the tables, got {char!r}") from None


def is_known_kana(char: str) -> bool:
    """Return whether ``char`` is in the tables (for deep-link validation)."""
    return isinstance(char, str) and char in _BY_CHAR


def script_of(char: str) -> str:
    """Return "hiragana" or "katakana" for a kana in the tables."""
    return get_kana(char).script


def script_groups(script: str) -> list[str]:
    """Return the group ids that hold kana of ``script``, in display order."""
    _check_script(script)
    return [g for g in GROUPS if script == "katakana" or g not in KATAKANA_ONLY_GROUPS]


def select_kana(
    script: str,
    groups: Iterable[str],
    *,
    single_only: bool = False,
    writable_only: bool = False,
    include_archaic: bool = False,
) -> list[Kana]:
    """Return the kana of ``script`` in ``groups``, in chart order.

    Archaic ゐ ゑ (ヰ ヱ) are left out unless ``include_archaic``.
    """
    _check_script(script)
    wanted = set(groups)
    unknown = wanted - GROUPS.keys()
    if unknown:
        allowed = ", ".join(GROUPS)
        raise ValueError(f"groups must be among {allowed}; got {sorted(unknown)}")

    return [
        k
        for k in ALL_KANA
        if k.script == script
        and k.group in wanted
        and (include_archaic or not k.is_archaic)
        and (k.is_single or not single_only)
        and (k.is_writable or not writable_only)
    ]


def writable_kana(script: str | None = None) -> list[Kana]:
    """Return every single kana the Write page may ask (archaic included)."""
    if script is not None:
        _check_script(script)
    return [k for k in ALL_KANA if k.is_writable and script in (None, k.script)]


def chart_columns(group: str) -> tuple[str, ...]:
    """Return the column headers of ``group``'s chart."""
    _check_group(group)
    if group == "mark":
        return ("",)
    return YOON_COLUMNS if group == "yoon" else VOWEL_COLUMNS


def chart_rows(script: str, group: str) -> list[list[Kana | None]]:
    """Return ``group``'s chart for ``script``: rows of cells, None for a gap."""
    return [list(row) for row in _chart(script, group)]


@functools.cache
def _chart(script: str, group: str) -> tuple[tuple[Kana | None, ...], ...]:
    _check_script(script)
    _check_group(group)
    width = len(chart_columns(group))

    rows: dict[str, list[Kana | None]] = {}
    for k in ALL_KANA:
        if k.script == script and k.group == group:
            rows.setdefault(k.row, [None] * width)[k.column] = k
    return tuple(tuple(cells) for cells in rows.values())


def _check_script(script: str) -> None:
    if script not in SCRIPTS:
        raise ValueError(f"script must be one of {', '.join(SCRIPTS)}; got {script!r}")


def _check_group(group: str) -> None:
    if group not in GROUPS:
        raise ValueError(f"group must be one of {', '.join(GROUPS)}; got {group!r}")
