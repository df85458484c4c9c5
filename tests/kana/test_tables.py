from collections import Counter

import jaconv
import pytest

from kana_app.kana.romaji import normalize_answer
from kana_app.kana.strokes import load_stroke_paths
from kana_app.kana.tables import (
    ALL_KANA,
    GOJUON_GROUPS,
    GROUPS,
    SCRIPTS,
    VOWEL_COLUMNS,
    YOON_COLUMNS,
    Kana,
    chart_columns,
    chart_rows,
    get_kana,
    is_known_kana,
    script_groups,
    script_of,
    select_kana,
    writable_kana,
)


def _chars(kana: list[Kana]) -> str:
    return "".join(k.char for k in kana)


def _cell_chars(rows: list[list[Kana | None]]) -> list[list[str | None]]:
    return [[k.char if k else None for k in row] for row in rows]


@pytest.mark.parametrize("script", SCRIPTS)
def test_46_basic_kana_per_script(script):
    basic = select_kana(script, GOJUON_GROUPS)

    assert len(basic) == 46
    assert all(k.is_single for k in basic)


@pytest.mark.parametrize("script", SCRIPTS)
def test_archaic_wi_and_we_only_on_request(script):
    with_archaic = select_kana(script, ["wa"], include_archaic=True)
    archaic = [k for k in with_archaic if k.is_archaic]

    assert _chars(archaic) == ("ゐゑ" if script == "hiragana" else "ヰヱ")
    assert not any(k.is_archaic for k in select_kana(script, ["wa"]))


@pytest.mark.parametrize(
    ("group", "count"),
    [("dakuten", 20), ("handakuten", 5), ("small", 10), ("yoon", 33)],
)
@pytest.mark.parametrize("script", SCRIPTS)
def test_group_sizes_in_both_scripts(script, group, count):
    assert len(select_kana(script, [group])) == count


@pytest.mark.parametrize("script", SCRIPTS)
def test_dakuten_and_handakuten_make_25(script):
    assert len(select_kana(script, ["dakuten", "handakuten"])) == 25


def test_small_kana_are_the_ones_a_learner_meets():
    assert _chars(select_kana("hiragana", ["small"])) == "ぁぃぅぇぉゃゅょゎっ"
    assert _chars(select_kana("katakana", ["small"])) == "ァィゥェォャュョヮッ"


def test_extended_katakana_hold_the_common_loanword_sounds():
    extended = {k.char for k in select_kana("katakana", ["extended"])}
    common = (
        "ファ フィ フェ フォ ティ ディ トゥ ドゥ ウィ ウェ ウォ ヴ シェ ジェ チェ "
        "ツァ ツェ ツォ デュ フュ ヴァ ヴィ ヴェ ヴォ"
    ).split()

    assert set(common) <= extended
    assert len(extended) == 33
    assert select_kana("hiragana", ["extended", "mark"]) == []


def test_long_vowel_mark_is_katakana_only():
    (mark,) = select_kana("katakana", ["mark"])

    assert mark.char == "ー"
    assert "-" in mark.spellings


def test_totals_per_script():
    counts = Counter(k.script for k in ALL_KANA)

    # 46 basic + 2 archaic + 25 + 10 small + 33 yoon, then 33 extended + ー.
    assert counts == {"hiragana": 116, "katakana": 150}


def test_no_duplicate_kana():
    chars = [k.char for k in ALL_KANA]

    assert len(chars) == len(set(chars))


def test_spellings_are_normalized_unique_and_start_with_the_romaji():
    for k in ALL_KANA:
        assert k.spellings[0] == k.romaji, k.char
        assert len(set(k.spellings)) == len(k.spellings), k.char
        assert all(normalize_answer(s) == s for s in k.spellings), k.char


def test_katakana_mirror_hiragana_spellings():
    for k in ALL_KANA:
        if k.script == "hiragana":
            twin = get_kana(jaconv.hira2kata(k.char))
            assert twin.spellings == k.spellings
            assert (twin.group, twin.row, twin.column) == (k.group, k.row, k.column)


def test_every_kana_has_stroke_data():
    paths = load_stroke_paths()

    for k in ALL_KANA:
        for ch in k.char:
            assert paths.get(ch), f"no strokes for {ch} in {k.char}"


@pytest.mark.parametrize("script", SCRIPTS)
def test_write_prompts_are_unique_within_a_script(script):
    prompts = [k.romaji for k in writable_kana(script)]

    assert len(prompts) == len(set(prompts))


def test_di_and_du_prompts_tell_apart_ji_and_zu():
    assert get_kana("ぢ").romaji != get_kana("じ").romaji
    assert get_kana("づ").romaji != get_kana("ず").romaji
    assert "ji" in get_kana("ぢ").spellings
    assert "zu" in get_kana("ヅ").spellings
    assert "Hepburn" in get_kana("ぢ").note


def test_writable_kana_are_single_kana_small_ones_included():
    hiragana, katakana = writable_kana("hiragana"), writable_kana("katakana")

    assert len(hiragana) == 46 + 2 + 25 + 10
    assert {"っ", "ゃ", "ぁ", "ッ", "ョ"} <= {k.char for k in hiragana + katakana}
    assert {k.char for k in katakana} - {
        k.char for k in select_kana("katakana", GOJUON_GROUPS, include_archaic=True)
    } >= {"ヴ", "ガ", "パ"}
    for k in hiragana + katakana:
        assert k.is_single
        assert k.group not in ("mark", "yoon")
    assert len(writable_kana()) == len(hiragana) + len(katakana)


def test_select_kana_keeps_chart_order_and_filters():
    assert _chars(select_kana("hiragana", ["ka", "a"])) == "あいうえおかきくけこ"
    assert _chars(select_kana("katakana", ["yoon"], single_only=True)) == ""
    assert "ヴ" in _chars(select_kana("katakana", ["extended"], writable_only=True))


def test_chart_rows_follow_the_gojuon_layout():
    assert _cell_chars(chart_rows("hiragana", "a")) == [list("あいうえお")]
    assert _cell_chars(chart_rows("hiragana", "ya")) == [
        ["や", None, "ゆ", None, "よ"]
    ]
    assert _cell_chars(chart_rows("katakana", "wa")) == [
        ["ワ", "ヰ", None, "ヱ", "ヲ"],
        ["ン", None, None, None, None],
    ]
    assert [row[0].char for row in chart_rows("hiragana", "dakuten")] == list(
        "がざだば"
    )


def test_yoon_chart_has_ya_yu_yo_columns():
    rows = chart_rows("hiragana", "yoon")

    assert chart_columns("yoon") == YOON_COLUMNS
    assert len(rows) == 11
    assert _cell_chars(rows)[0] == ["きゃ", "きゅ", "きょ"]
    assert _cell_chars(rows)[-1] == ["ぴゃ", "ぴゅ", "ぴょ"]


def test_chart_columns_match_the_romaji_vowels():
    for script in SCRIPTS:
        for group in script_groups(script):
            columns = chart_columns(group)
            for row in chart_rows(script, group):
                assert len(row) == len(columns)
                for k in row:
                    if k is not None and k.char not in "んンー":
                        assert k.romaji[-1] == columns[k.column][-1], k.char


def test_chart_rows_cover_each_group_exactly():
    for script in SCRIPTS:
        for group in GROUPS:
            cells = [k for row in chart_rows(script, group) for k in row if k]
            expected = select_kana(script, [group], include_archaic=True)
            assert sorted(k.char for k in cells) == sorted(k.char for k in expected)


def test_chart_rows_returns_a_copy():
    rows = chart_rows("hiragana", "a")
    rows[0][0] = None

    assert chart_rows("hiragana", "a")[0][0].char == "あ"


def test_get_kana_and_script_of():
    assert get_kana("きゃ").romaji == "kya"
    assert script_of("ファ") == "katakana"
    assert is_known_kana("か") and not is_known_kana("kä")


@pytest.mark.parametrize("bad", ["", "k", "かか", "漢", None])
def test_get_kana_refuses_unknown(bad):
    with pytest.raises(ValueError, match="char"):
        get_kana(bad)


def test_select_kana_names_bad_arguments():
    with pytest.raises(ValueError, match="script"):
        select_kana("kanji", ["a"])
    with pytest.raises(ValueError, match="groups"):
        select_kana("hiragana", ["a", "zz"])
    with pytest.raises(ValueError, match="group"):
        chart_rows("hiragana", "zz")


def test_script_groups_leave_out_katakana_only_groups_for_hiragana():
    assert "extended" not in script_groups("hiragana")
    assert script_groups("katakana") == list(GROUPS)
    assert chart_columns("ka") == VOWEL_COLUMNS
