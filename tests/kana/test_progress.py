import random
from collections import Counter

import pytest

from kana_app.kana.progress import Progress, kana_weight, next_kana
from kana_app.kana.tables import get_kana, select_kana

POOL = select_kana("hiragana", ["a", "ka"])


def _draw(progress: Progress, seed: int, n: int) -> list[str]:
    """Ask ``n`` kana in a row, as a page does, without recording answers."""
    rng = random.Random(seed)
    previous = None
    asked = []
    for _ in range(n):
        previous = next_kana(POOL, progress, rng, previous).char
        asked.append(previous)
    return asked


def test_record_counts_score_streak_and_misses():
    progress = Progress()

    progress.record("か", True)
    progress.record("き", True)
    progress.record("く", False)
    progress.record("く", False)
    progress.record("か", True)

    assert (progress.score, progress.attempts) == (3, 5)
    assert (progress.streak, progress.best_streak) == (1, 2)
    assert progress.missed == {"く": 2}
    assert progress.accuracy == pytest.approx(0.6)


def test_a_right_answer_clears_the_miss():
    progress = Progress()
    progress.record("く", False)
    progress.record("く", True)

    assert progress.missed == {}
    assert progress.accuracy == 0.5
    assert Progress().accuracy is None


def test_never_the_same_kana_twice_in_a_row():
    progress = Progress(missed={"あ": 3})
    asked = _draw(progress, seed=7, n=2000)

    assert all(a != b for a, b in zip(asked, asked[1:]))


def test_a_one_kana_pool_repeats_it():
    rng = random.Random(1)
    only = [get_kana("か")]

    assert next_kana(only, Progress(), rng, previous="か").char == "か"


def test_same_seed_same_sequence():
    progress = Progress(missed={"け": 1})

    assert _draw(progress, seed=3, n=50) == _draw(progress, seed=3, n=50)
    assert _draw(progress, seed=3, n=50) != _draw(progress, seed=4, n=50)


def test_missed_kana_come_back_more_often():
    asked = Counter(_draw(Progress(missed={"く": 1}), seed=11, n=5000))
    others = [asked[k.char] for k in POOL if k.char != "く"]

    # Weight 5 against 1 for each of the 9 others, and never twice in a row:
    # p = 5/13 * (1 - p), so about 28% of the draws against 8% for the others.
    assert 0.25 < asked["く"] / 5000 < 0.31
    assert asked["く"] > 3 * max(others)
    assert min(others) > 0


def test_missed_kana_come_back_sooner():
    asked = _draw(Progress(missed={"く": 2}), seed=5, n=3000)
    gaps = {char: _mean_gap(asked, char) for char in ("く", "あ", "こ")}

    assert gaps["く"] < gaps["あ"] / 2
    assert gaps["く"] < gaps["こ"] / 2


def test_unmissed_pool_is_roughly_uniform():
    asked = Counter(_draw(Progress(), seed=2, n=5000))

    assert set(asked) == {k.char for k in POOL}
    assert max(asked.values()) < 1.3 * min(asked.values())


def test_weight_is_capped_and_back_to_one_after_a_right_answer():
    progress = Progress(missed={"く": 50})
    ku = get_kana("く")

    assert kana_weight(ku, progress) == kana_weight(ku, Progress(missed={"く": 3}))
    progress.record("く", True)
    assert kana_weight(ku, progress) == 1.0


def test_empty_pool_is_refused():
    with pytest.raises(ValueError, match="pool"):
        next_kana([], Progress(), random.Random(0))


def _mean_gap(asked: list[str], char: str) -> float:
    places = [i for i, a in enumerate(asked) if a == char]
    return (places[-1] - places[0]) / (len(places) - 1)
