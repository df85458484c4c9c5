"""Check a typed romaji answer against a kana and word the verdict for a learner."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from kana_app.kana.tables import ALL_KANA, Kana, get_kana

# The longest accepted answer ("long vowel mark") has 15 characters; twice
# that leaves room for a stray word without letting a paste through.
MAX_ANSWER_LENGTH = 32
# NFKC can lengthen text, so a raw answer is cut before normalizing; anything
# longer than this is refused without being read in full.
_RAW_LIMIT = MAX_ANSWER_LENGTH * 4

# Phones and word processors turn ' and - into look-alikes; n' and the
# long vowel mark are typed with the plain ones.
_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2010": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_WHITESPACE = re.compile(r"\s+")
# Hiragana, katakana (ー included) and their phonetic extensions.
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff]")


@dataclass(frozen=True)
class AnswerCheck:
    """The verdict on one answer, in plain text (the page shows it as text)."""

    correct: bool
    message: str
    expected: str
    given: str
    # False when the answer was not a real try (empty, too long, kana typed):
    # the page may let the learner try again without counting a miss.
    graded: bool = True


def normalize_answer(text: str) -> str:
    """Return ``text`` as compared: NFKC, trimmed, lower-case, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").translate(_LOOKALIKES)
    # Invisible format characters (zero-width spaces, direction marks) come
    # with pasted text; a learner cannot see them, so they must not count.
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _WHITESPACE.sub(" ", text).strip().lower()


def describe_spellings(kana: Kana) -> str:
    """Return the accepted spellings as a phrase: "fu (also hu)"."""
    others = kana.spellings[1:]
    if not others:
        return kana.romaji
    return f"{kana.romaji} (also {', '.join(others)})"


def check_answer(kana: Kana, answer: str) -> AnswerCheck:
    """Grade a typed romaji answer for ``kana``."""
    answer = answer or ""
    if len(answer) > _RAW_LIMIT:
        return _ungraded(kana, answer[:_RAW_LIMIT], _too_long_message())

    given = normalize_answer(answer)
    if len(given) > MAX_ANSWER_LENGTH:
        return _ungraded(kana, given, _too_long_message())
    if not given:
        return _ungraded(kana, given, "Type the romaji first, then press Check.")

    if _KANA.search(given):
        if _same_kana(given, kana.char) and kana.group == "mark":
            message = f"Yes, that is {kana.char}! Type it as a keyboard does: -"
        elif _same_kana(given, kana.char):
            message = (
                f"Yes, that is {kana.char}! Now type how it sounds, in Latin "
                f"letters (like {_example_spelling(kana)})."
            )
        else:
            message = (
                "Type the romaji in Latin letters "
                f"(like {_example_spelling(kana)}), not kana."
            )
        return _ungraded(kana, given, message)

    if given in kana.spellings:
        message = "Right!"
        if given != kana.romaji and kana.group not in ("small", "mark"):
            message = f"Right! Prompts write it {kana.romaji}."
        return AnswerCheck(True, message, kana.romaji, given)

    return AnswerCheck(False, _wrong_message(kana, given), kana.romaji, given)


def _example_spelling(kana: Kana) -> str:
    """Return a sample romaji for a hint that never gives ``kana`` away."""
    return "shi" if "ka" in kana.spellings else "ka"


def _ungraded(kana: Kana, given: str, message: str) -> AnswerCheck:
    return AnswerCheck(
        False, message, kana.romaji, given[:MAX_ANSWER_LENGTH], graded=False
    )


def _too_long_message() -> str:
    return (
        f"That answer is too long. Type just the romaji, at most "
        f"{MAX_ANSWER_LENGTH} letters."
    )


def _wrong_message(kana: Kana, given: str) -> str:
    """Say what the right spelling is, with a hint for the usual mix-ups."""
    if kana.group == "mark":
        return (
            f"Not quite: {kana.char} is the long vowel mark. It has no sound of "
            "its own: type - (a dash), as a keyboard does."
        )

    if kana.group == "small":
        big = _big_kana(kana)
        keys = " or ".join(kana.spellings[1:3])
        message = f"Not quite: {kana.char} is a {kana.romaji}; type {keys}."
        if big is not None and given in big.spellings:
            message += (
                f" {given} is the big {big.char}: a keyboard makes it small "
                "with x or l first."
            )
        return message

    message = f"Not quite: {kana.char} is {describe_spellings(kana)}."
    hint = _hint(kana, given)
    return f"{message} {hint}" if hint else message


def _hint(kana: Kana, given: str) -> str:
    if kana.group == "yoon":
        head, small = get_kana(kana.char[0]), _big_kana(get_kana(kana.char[1]))
        if small is not None and given == head.romaji + small.romaji:
            return (
                f"{given} would be {head.char}{small.char} with a big "
                f"{small.char}; the small one joins the sound: {kana.romaji}."
            )

    # The answer spells another kana of the same script: name it, so the
    # learner sees which two they mixed up. Only table spellings reach the
    # message, never free text.
    for other in ALL_KANA:
        if other.script == kana.script and given in other.spellings:
            return f"{given} is {other.char}."
    return ""


def _big_kana(small: Kana) -> Kana | None:
    """Return the full-size kana a small kana shrinks, if it has one."""
    big = chr(ord(small.char) + 1)
    try:
        return get_kana(big)
    except ValueError:
        return None


def _same_kana(given: str, char: str) -> bool:
    """Whether ``given`` is ``char`` itself, in either script."""
    return _to_katakana(given) == _to_katakana(char)


def _to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)
