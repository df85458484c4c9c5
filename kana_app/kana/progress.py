"""A learner's progress in one session, and which kana to ask next."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from kana_app.kana.tables import Kana

# A missed kana is this many times as likely to be asked, per miss, on top of
# the weight of 1 every kana has; misses count up to MAX_COUNTED_MISSES so
# that one hard kana does not crowd out the rest of the pool.
MISS_WEIGHT = 4.0
MAX_COUNTED_MISSES = 3


@dataclass
class Progress:
    """Score, streak and missed kana; lives in the learner's session state."""

    score: int = 0
    attempts: int = 0
    streak: int = 0
    best_streak: int = 0
    missed: dict[str, int] = field(default_factory=dict)

    def record(self, char: str, correct: bool) -> None:
        """Count one graded answer for ``char``."""
        self.attempts += 1
        if correct:
            self.score += 1
            self.streak += 1
            self.best_streak = max(self.best_streak, self.streak)
            self.missed.pop(char, None)
        else:
            self.streak = 0
            self.missed[char] = self.missed.get(char, 0) + 1

    @property
    def accuracy(self) -> float | None:
        """Return the share of right answers, or None before the first one."""
        return self.score / self.attempts if self.attempts else None


def kana_weight(kana: Kana, progress: Progress) -> float:
    """Return how likely ``kana`` is to be asked, relative to an unmissed one."""
    misses = min(progress.missed.get(kana.char, 0), MAX_COUNTED_MISSES)
    return 1.0 + MISS_WEIGHT * misses


def next_kana(
    pool: Sequence[Kana],
    progress: Progress,
    rng: random.Random,
    previous: str | None = None,
) -> Kana:
    """Pick the next kana to ask: missed ones sooner, never ``previous`` again.

    ``previous`` is skipped whenever the pool holds another kana. The pick
    depends only on the arguments, so a seeded ``rng`` repeats it.
    """
    if not pool:
        raise ValueError("pool must hold at least one kana, got an empty pool")

    candidates = [k for k in pool if k.char != previous] or list(pool)
    weights = [kana_weight(k, progress) for k in candidates]
    return rng.choices(candidates, weights=weights)[0]
