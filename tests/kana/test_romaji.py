import time

import jaconv
import pytest

from kana_app.kana.romaji import (
    MAX_ANSWER_LENGTH,
    check_answer,
    describe_spellings,
    normalize_answer,
)
from kana_app.kana.tables import ALL_KANA, get_kana, is_known_kana

# Spellings we accept that jaconv.alphabet2kana turns into another kana, keyed
# by the katakana form (hiragana twins share them).
JACONV_DIFFERS = {
    ("ヲ", "o"): "お: modern Hepburn writes the particle を as o",
    ("ヂ", "ji"): "ジ: Hepburn writes ぢ like じ",
    ("ヅ", "zu"): "ズ: Hepburn writes づ like ず",
    ("ヰ", "wi"): "ウィ: jaconv keeps wi for the extended sound",
    ("ヰ", "i"): "イ: modern Hepburn writes ゐ as i",
    ("ヱ", "we"): "ッエ: jaconv has no plain we",
    ("ヱ", "e"): "エ: modern Hepburn writes ゑ as e",
    ("ウェ", "we"): "ッエ: jaconv has no plain we",
    ("ウォ", "wo"): "ヲ: Hepburn writes ウォ as wo",
    ("ティ", "ti"): "チ: Kunrei ti is ち",
    ("ディ", "di"): "ヂ: Nihon-shiki di is ぢ",
    ("トゥ", "tu"): "ツ: Kunrei tu is つ",
    ("ドゥ", "du"): "ヅ: Nihon-shiki du is づ",
    ("テュ", "tyu"): "チュ: Kunrei tyu is ちゅ",
    ("デュ", "dyu"): "ヂュ: Nihon-shiki dyu is ぢゅ",
    # jaconv reads a leading l as r; Japanese keyboards make small vowels.
    ("ァ", "la"): "ラ",
    ("ィ", "li"): "リ",
    ("ゥ", "lu"): "ル",
    ("ェ", "le"): "レ",
    ("ォ", "lo"): "ロ",
}
# Learner-facing names, not romaji: jaconv cannot convert them at all.
NAMES = {"long vowel mark", "long vowel", "chouon", "chōon"}

# Keyboard shortcuts jaconv knows that are no romaji system; a learner who
# types them is told the taught spelling instead.
NOT_TAUGHT = {
    "ca", "ci", "cu", "ce", "co", "qu", "wu", "whu",
    "la", "li", "lu", "le", "lo",
    "xyi", "xye", "lyi", "lye", "vyi", "vye", "wyi", "wye", "xn",
}  # fmt: skip
# Every consonant cluster a romaji system or a keyboard uses, for the reverse
# check below.
CLUSTERS = (
    "", "k", "g", "s", "z", "t", "d", "n", "h", "b", "p", "m", "y", "r", "w",
    "f", "v", "j", "c", "q", "x", "l", "sh", "ch", "ts", "ky", "gy", "sy",
    "zy", "jy", "ty", "cy", "dy", "ny", "hy", "by", "py", "my", "ry", "th",
    "dh", "tw", "dw", "wh", "kw", "gw", "xy", "ly", "xts", "lts", "xt", "lt",
    "fy", "vy", "sw", "zw", "xk", "lk", "ws", "wy",
)  # fmt: skip


def _katakana(text: str) -> str:
    return jaconv.hira2kata(text)


def test_every_accepted_spelling_converts_to_its_kana():
    for k in ALL_KANA:
        for spelling in k.spellings:
            if spelling in NAMES or spelling.startswith("small "):
                continue
            converted = _katakana(jaconv.alphabet2kana(spelling))
            if (_katakana(k.char), spelling) in JACONV_DIFFERS:
                assert converted != _katakana(k.char), (k.char, spelling)
            else:
                assert converted == _katakana(k.char), (k.char, spelling)


def test_every_romaji_jaconv_reads_as_a_kana_is_accepted_for_it():
    checked = 0
    for cluster in CLUSTERS:
        for vowel in "aiueo":
            spelling = cluster + vowel
            hiragana = jaconv.alphabet2kana(spelling)
            for char in (hiragana, _katakana(hiragana)):
                if not is_known_kana(char):
                    continue
                checked += 1
                accepted = check_answer(get_kana(char), spelling).correct
                assert accepted != (spelling in NOT_TAUGHT), (char, spelling)

    assert checked > 300


def test_jaconv_romaji_of_each_kana_is_accepted():
    # jaconv spells small kana like big ones and extended katakana sound by
    # sound (ファ as fua), so this direction covers the other groups.
    for k in ALL_KANA:
        if k.group in ("small", "extended", "mark"):
            continue
        spelling = jaconv.kana2alphabet(jaconv.kata2hira(k.char))
        assert check_answer(k, spelling).correct, (k.char, spelling)


def test_fu_and_hu_both_accepted():
    fu = get_kana("ふ")

    assert fu.romaji == "fu"
    assert check_answer(fu, "fu").correct
    assert check_answer(fu, "hu").correct
    assert check_answer(get_kana("フ"), "HU").correct


def test_shi_chi_tsu_in_every_system():
    for char, spellings in {"し": "shi si", "ち": "chi ti", "つ": "tsu tu"}.items():
        for spelling in spellings.split():
            assert check_answer(get_kana(char), spelling).correct


def test_di_and_du_accept_their_hepburn_ji_and_zu():
    assert check_answer(get_kana("ぢ"), "di").correct
    assert check_answer(get_kana("ぢ"), "ji").correct
    assert check_answer(get_kana("づ"), "du").correct
    assert check_answer(get_kana("づ"), "zu").correct
    assert check_answer(get_kana("じ"), "zi").correct


def test_di_is_wrong_for_ji_and_names_the_kana_it_spells():
    result = check_answer(get_kana("じ"), "di")

    assert not result.correct
    assert "ぢ" in result.message
    assert "ji" in result.message


def test_wo_accepts_o():
    assert get_kana("を").romaji == "wo"
    assert check_answer(get_kana("を"), "o").correct
    assert check_answer(get_kana("ヲ"), "wo").correct


@pytest.mark.parametrize("answer", ["n", "nn", "n'", "N’", "NN"])
def test_n_accepts_n_nn_and_apostrophe(answer):
    assert check_answer(get_kana("ん"), answer).correct


def test_pyo_is_right_and_piyo_is_wrong_for_small_yo():
    pyo = get_kana("ぴょ")
    result = check_answer(pyo, "piyo")

    assert check_answer(pyo, "pyo").correct
    assert not result.correct
    assert "ぴよ" in result.message
    assert "pyo" in result.message
    # piyo is the spelling of the two full-size kana.
    assert jaconv.alphabet2kana("piyo") == "ぴよ"


@pytest.mark.parametrize(
    ("char", "answers"),
    [
        ("しゃ", "sha sya"),
        ("ちゃ", "cha tya cya"),
        ("じょ", "jo zyo jyo"),
        ("ジャ", "ja zya jya"),
    ],
)
def test_yoon_accept_every_system(char, answers):
    for answer in answers.split():
        assert check_answer(get_kana(char), answer).correct


def test_full_width_capitals_with_trailing_space_are_ka():
    result = check_answer(get_kana("か"), "ＫＡ ")

    assert result.correct
    assert result.given == "ka"


@pytest.mark.parametrize("answer", ["Ka", " ka\n", "ｋａ", "\tKA\u3000"])
def test_case_width_and_spaces_do_not_matter(answer):
    assert check_answer(get_kana("か"), answer).correct


def test_other_spelling_is_right_and_shows_the_prompt_spelling():
    result = check_answer(get_kana("し"), "si")

    assert result.correct
    assert "shi" in result.message


def test_small_kana_take_keyboard_spellings_and_explain_the_big_one():
    small_tsu = get_kana("っ")
    result = check_answer(small_tsu, "tsu")

    assert small_tsu.romaji == "small tsu"
    for answer in ("xtsu", "ltu", "xtu", "small tsu"):
        assert check_answer(small_tsu, answer).correct
    assert check_answer(get_kana("ァ"), "la").correct
    assert not result.correct
    assert "つ" in result.message and "xtsu" in result.message


def test_long_vowel_mark_accepts_a_dash():
    mark = get_kana("ー")

    for answer in ("-", "−", "long vowel mark", "Long Vowel"):
        assert check_answer(mark, answer).correct
    result = check_answer(mark, "a")
    assert not result.correct
    assert "-" in result.message


def test_extended_katakana_accept_keyboard_spellings():
    for char, answer in [("ティ", "thi"), ("ディ", "dhi"), ("ウォ", "who"),
                         ("ヴ", "vu"), ("ファ", "fa"), ("チェ", "che")]:  # fmt: skip
        assert check_answer(get_kana(char), answer).correct


def test_archaic_kana_accept_modern_and_old_spellings():
    assert check_answer(get_kana("ゐ"), "wi").correct
    assert check_answer(get_kana("ゐ"), "i").correct
    assert check_answer(get_kana("ヱ"), "e").correct


def test_wrong_answer_shows_the_right_spelling():
    for k in ALL_KANA:
        result = check_answer(k, "qqq")
        assert not result.correct and result.graded
        assert result.expected == k.romaji
        assert k.spellings[1 if k.group == "small" else 0] in result.message


def test_wrong_answer_that_spells_another_kana_names_it():
    result = check_answer(get_kana("か"), "ki")

    assert result.message == "Not quite: か is ka. ki is き."


def test_empty_answer_asks_for_one():
    for answer in ("", "   ", "\u3000"):
        result = check_answer(get_kana("か"), answer)
        assert not result.correct and not result.graded
        assert "Type the romaji first" in result.message


def test_huge_paste_is_refused_quickly_and_trimmed():
    paste = "ka" * 5000 + "<b>" * 1000
    start = time.perf_counter()
    result = check_answer(get_kana("か"), paste)
    elapsed = time.perf_counter() - start

    assert not result.correct and not result.graded
    assert "too long" in result.message
    assert len(result.given) <= MAX_ANSWER_LENGTH
    # Generous bound: the point is that the paste is not processed in full.
    assert elapsed < 0.5


def test_answer_just_over_the_limit_is_too_long():
    result = check_answer(get_kana("か"), "k" * (MAX_ANSWER_LENGTH + 1))

    assert "too long" in result.message
    assert check_answer(get_kana("か"), "k" * MAX_ANSWER_LENGTH).graded


@pytest.mark.parametrize(
    "answer", ["<script>alert(1)</script>", "<b>ka</b>", "ka&amp;", "12", "?!"]
)
def test_html_digits_and_punctuation_are_just_wrong(answer):
    result = check_answer(get_kana("か"), answer)

    assert not result.correct and result.graded
    assert "<" not in result.message and "&" not in result.message
    assert "ka" in result.message
    assert result.given == normalize_answer(answer)


@pytest.mark.parametrize("answer", ["か", "カ", "ｶ"])
def test_the_asked_kana_typed_back_is_pointed_out_kindly(answer):
    result = check_answer(get_kana("か"), answer)

    assert not result.correct and not result.graded
    assert result.message.startswith("Yes, that is か!")
    assert "Latin letters" in result.message


def test_other_kana_typed_asks_for_latin_letters():
    result = check_answer(get_kana("す"), "きゃ")

    assert not result.correct and not result.graded
    assert result.message == "Type the romaji in Latin letters (like ka), not kana."


@pytest.mark.parametrize("char", ["か", "カ"])
def test_a_hint_never_gives_the_answer_away(char):
    other = check_answer(get_kana(char), "きゃ")
    same = check_answer(get_kana(char), char)

    for result in (other, same):
        assert "like shi" in result.message
        assert "ka" not in result.message.replace("kana", "")


def test_normalize_answer():
    assert normalize_answer("  ＳＨＩ\u3000") == "shi"
    assert normalize_answer("Long   Vowel\tMark") == "long vowel mark"
    assert normalize_answer("n’") == "n'"
    assert normalize_answer(None) == ""


def test_describe_spellings():
    assert describe_spellings(get_kana("ふ")) == "fu (also hu)"
    assert describe_spellings(get_kana("か")) == "ka"


@pytest.mark.parametrize("answer", ["\u200bne", "ne\u200f", "n\u200de", "\ufeffne"])
def test_invisible_format_characters_do_not_make_a_right_answer_wrong(answer):
    assert check_answer(get_kana("ね"), answer).correct
