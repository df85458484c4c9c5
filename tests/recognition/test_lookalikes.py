from kana_app.recognition.lookalikes import (
    LOOKALIKES,
    map_to_allowed,
    normalize_text,
    other_script,
)

HIRAGANA = frozenset(chr(code) for code in range(0x3041, 0x3097))
KATAKANA = frozenset(chr(code) for code in range(0x30A1, 0x30FB)) | {"ー"}

READER_MISTAKES = {
    "力": "カ",
    "口": "ロ",
    "工": "エ",
    "二": "ニ",
    "八": "ハ",
    "夕": "タ",
    "卜": "ト",
    "一": "ー",
    "へ": "ヘ",
    "り": "リ",
    "三": "ミ",
    "才": "オ",
    "又": "ヌ",
    "千": "チ",
}


def test_kanji_read_for_a_katakana_maps_to_that_katakana():
    for read, drawn in READER_MISTAKES.items():
        assert map_to_allowed(read, KATAKANA)[0] == drawn, read


def test_lookalikes_link_both_ways():
    for char, neighbours in LOOKALIKES.items():
        for neighbour in neighbours:
            assert char in LOOKALIKES[neighbour], (char, neighbour)


def test_katakana_read_for_a_hiragana_maps_back():
    assert map_to_allowed("ヘ", HIRAGANA)[0] == "へ"
    assert map_to_allowed("リ", HIRAGANA)[0] == "り"
    assert map_to_allowed("力", HIRAGANA)[0] == "か"


def test_an_allowed_reading_comes_before_its_lookalikes():
    assert map_to_allowed("ソ", KATAKANA)[:2] == ["ソ", "ン"]
    assert map_to_allowed("ン", KATAKANA)[:2] == ["ン", "ソ"]


def test_only_allowed_kana_are_returned():
    found = map_to_allowed("二", frozenset({"ニ", "ソ"}))
    assert found == ["ニ"]
    assert map_to_allowed("口", frozenset({"あ"})) == []


def test_half_width_and_detached_dakuten_are_folded():
    assert normalize_text("ｶﾞ") == "ガ"
    assert normalize_text("か゛") == "が"
    assert normalize_text("ハ\u309c") == "パ"
    assert normalize_text(" ｿ \n") == "ソ"
    assert map_to_allowed("ｶﾞ", KATAKANA)[0] == "ガ"


def test_other_script_pairs_sounds():
    assert other_script("か") == "カ"
    assert other_script("ヴ") == "ゔ"
    assert other_script("ー") is None
    assert other_script("力") is None


def test_a_yoon_reading_matches_as_a_whole():
    assert map_to_allowed("きゃ", frozenset({"きゃ", "き"}))[0] == "きゃ"


def test_unknown_text_maps_to_nothing():
    assert map_to_allowed("", KATAKANA) == []
    assert map_to_allowed("?!", HIRAGANA) == []
