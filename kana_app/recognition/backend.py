"""What a recognizer backend is, and what it answers: shared by every backend."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PIL import Image


@dataclass(frozen=True)
class Guess:
    """One candidate kana and how likely it is."""

    kana: str
    probability: float


class Backend(Protocol):
    """A recognizer the service ranks preprocessed drawings with."""

    name: str
    classes: frozenset[str]  # kana that rank can return

    def rank(self, image: Image.Image, allowed: frozenset[str]) -> list[Guess]:
        """Rank the allowed kana for ``image``, best first.

        ``image`` is mode "L", black ink on white, cropped and centred by
        preprocessing; an empty ``allowed`` means every class. Probabilities
        may sum to less than 1: what a backend gives to no allowed kana tells
        the service the drawing is a scribble.
        """
        ...
