"""Compare a learner's strokes with a kana's reference strokes.

Both drawings are scaled into one box, each drawn stroke is matched to a
reference stroke (allowing for strokes joined, split, missing or extra), and
the match is read off as notes on count, order, direction and position, each
naming the reference stroke by its number and shape. Ways of writing that
teachers accept (a dakuten as one mark, the lower curve of き joined to the
stroke before it, ...) are listed in ``VARIANTS`` and give no note.
"""

from __future__ import annotations

import functools
import itertools
import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kana_app.kana.strokes import stroke_points

logger = logging.getLogger(__name__)

# Points each stroke is resampled to before strokes are compared.
RESAMPLE_POINTS = 32
# Distances are fractions of the kana's longer side.
# A stroke shorter than this is a dot: its direction is not checked.
DOT_LENGTH = 0.22
# A straight stroke shorter than this is called short in feedback.
SHORT_LENGTH = 0.35
# A stroke counts as drawn backwards only when the reversed fit is closer than
# the forward one by this fraction of the stroke's length, or by
# DIRECTION_MARGIN for long strokes.
DIRECTION_SHARE = 0.2
DIRECTION_MARGIN = 0.06
# Strokes count as drawn out of order only when the best order fits this much
# better than the expected one.
ORDER_MARGIN = 0.05
# A stroke starting or ending this far from where it should gets a note.
POSITION_LIMIT = 0.35
# Beyond this mean distance per stroke the drawing is not close enough to the
# kana for notes on single strokes to mean anything.
SHAPE_LIMIT = 0.25
# Cost added for a reference stroke left out or a drawn stroke too many,
# compared with explaining the count by strokes joined or split.
MISSING_COST = 0.25
# Joining or splitting strokes costs a little, so that an exact fit wins ties.
JOIN_COST = 0.03
# At most this many notes: a learner acts on the first few.
MAX_NOTES = 3

_DAKUTEN = "\u3099"
_HANDAKUTEN = "\u309a"
_NOTE_RANK = {
    "shape": 0,
    "count": 1,
    "merge": 1,
    "split": 1,
    "order": 2,
    "direction": 3,
    "position": 4,
}
_SMALL_SHAPES = ("dot", "dakuten mark", "handakuten circle")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


@dataclass(frozen=True)
class StrokeNote:
    """One piece of feedback on the learner's strokes."""

    kind: str  # "count", "merge", "split", "order", "direction", "position", "shape"
    stroke: int | None  # 1-based number of the reference stroke it is about
    message: str


@dataclass(frozen=True)
class StrokeReport:
    """All notes on one drawing; no notes means the strokes were fine."""

    notes: tuple[StrokeNote, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.notes


@dataclass(frozen=True)
class Variants:
    """Ways of writing a kana that differ from the reference and are accepted.

    Stroke numbers are 1-based reference strokes. ``joins``: stroke i and i + 1
    may be drawn as one. ``splits``: stroke i may be drawn as two. ``free_order``:
    the two strokes may come in either order. ``free_direction``: the stroke may
    be drawn either way round.
    """

    joins: frozenset[int] = field(default_factory=frozenset)
    splits: frozenset[int] = field(default_factory=frozenset)
    free_order: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    free_direction: frozenset[int] = field(default_factory=frozenset)


# Accepted variants of the base kana; voiced kana inherit them and add their
# own for the dakuten and handakuten (see ``variants_for``).
VARIANTS: dict[str, Variants] = {
    # The lower curve is often joined to the stroke before it.
    "き": Variants(joins=frozenset({3})),
    "さ": Variants(joins=frozenset({2})),
    # Written in one stroke or with the top zigzag apart.
    "そ": Variants(splits=frozenset({1})),
    # The top dot runs into the curve; the right dot is often joined to the left.
    "ふ": Variants(joins=frozenset({1, 3})),
    "や": Variants(joins=frozenset({1})),
    "ゆ": Variants(splits=frozenset({1})),
    "い": Variants(joins=frozenset({1})),
    "こ": Variants(joins=frozenset({1})),
    "り": Variants(joins=frozenset({1})),
    "た": Variants(joins=frozenset({3})),
    "け": Variants(joins=frozenset({2})),
    "に": Variants(joins=frozenset({2})),
    # Many writers draw ヒ's vertical before its short horizontal.
    "ヒ": Variants(free_order=frozenset({(1, 2)})),
    "ヲ": Variants(joins=frozenset({1})),
}


def compare_strokes(drawn: Sequence[np.ndarray], kana: str) -> StrokeReport:
    """Compare the learner's strokes (any units, y down) with the kana's strokes."""
    reference = _reference(kana)
    strokes = _clean_strokes(drawn)
    n_ref, n_drawn = len(reference.strokes), len(strokes)

    if n_drawn == 0 or abs(n_drawn - n_ref) > 2:
        return StrokeReport((_count_note(n_ref, n_drawn),))

    match = _best_match(reference, _normalise(strokes))
    if match.mean_cost > SHAPE_LIMIT:
        # Far from the kana, the stroke matching means little: notes on joins,
        # splits or missing strokes read from it would contradict each other.
        notes = [] if n_drawn == n_ref else [_count_note(n_ref, n_drawn)]
        notes.append(
            StrokeNote(
                "shape",
                None,
                f"Your strokes are far from the shape of {kana}: watch how it "
                "is written and try again.",
            )
        )
    else:
        notes = _structure_notes(reference, match, n_drawn)
        notes.extend(_order_notes(reference, match))
        notes.extend(_direction_notes(reference, match))
        if not notes:
            notes.extend(_position_notes(reference, match))

    notes.sort(key=lambda note: _NOTE_RANK[note.kind])
    logger.debug("Stroke check for %s: %d notes", kana, len(notes))
    return StrokeReport(tuple(_as_sentence(note) for note in notes[:MAX_NOTES]))


def variants_for(kana: str) -> Variants:
    """Return the accepted variants of a kana, dakuten and handakuten included."""
    base, *marks = unicodedata.normalize("NFD", kana)
    variants = VARIANTS.get(base, Variants())
    if not marks:
        return variants

    n = len(stroke_points(kana))
    if marks[0] == _DAKUTEN:
        # The two dakuten marks: one stroke or two, either order, any direction.
        return Variants(
            joins=variants.joins | {n - 1},
            splits=variants.splits,
            free_order=variants.free_order | {(n - 1, n)},
            free_direction=variants.free_direction | {n - 1, n},
        )
    # The handakuten circle is drawn either way round.
    return Variants(
        joins=variants.joins,
        splits=variants.splits,
        free_order=variants.free_order,
        free_direction=variants.free_direction | {n},
    )


def stroke_names(kana: str) -> list[str]:
    """Name each reference stroke by its shape: "the vertical stroke", ..."""
    return list(_reference(kana).names)


def is_direction_checked(kana: str, stroke: int) -> bool:
    """Tell whether drawing the 1-based stroke backwards gets a note."""
    reference = _reference(kana)
    return _direction_matters(reference, stroke - 1)


# --- reference strokes -------------------------------------------------------


@dataclass(frozen=True)
class _Reference:
    kana: str
    strokes: tuple[np.ndarray, ...]  # normalised, resampled
    raw: tuple[np.ndarray, ...]  # normalised, as sampled
    shapes: tuple[str, ...]
    names: tuple[str, ...]
    variants: Variants


@functools.cache
def _reference(kana: str) -> _Reference:
    if not isinstance(kana, str):
        raise ValueError(f"kana must be a string, got {type(kana).__name__}")
    raw = _normalise(stroke_points(kana))
    strokes = tuple(_resample(points) for points in raw)
    shapes = _stroke_shapes(kana, raw)
    names = _name_strokes(shapes, raw)
    return _Reference(
        kana, strokes, tuple(raw), tuple(shapes), tuple(names), variants_for(kana)
    )


def _stroke_shapes(kana: str, strokes: list[np.ndarray]) -> list[str]:
    """Name each stroke's shape; the marks of voiced kana by what they are."""
    base, *marks = unicodedata.normalize("NFD", kana)
    shapes = [_shape_of(points) for points in strokes]
    if marks:
        mark = "dakuten mark" if marks[0] == _DAKUTEN else "handakuten circle"
        first_mark = len(stroke_points(base))
        shapes[first_mark:] = [mark] * (len(strokes) - first_mark)
    return shapes


def _name_strokes(shapes: list[str], strokes: list[np.ndarray]) -> list[str]:
    """Name each stroke by its shape, told apart by position when repeated."""
    names = []
    for i, shape in enumerate(shapes):
        same = [j for j, other in enumerate(shapes) if other == shape]
        if len(same) == 1:
            names.append(f"the {shape}")
        elif len(same) == 2:
            a, b = (strokes[j].mean(axis=0) for j in same)
            other = b if same[0] == i else a
            mine = strokes[i].mean(axis=0)
            if abs(mine[1] - other[1]) >= abs(mine[0] - other[0]):
                where = "upper" if mine[1] < other[1] else "lower"
            else:
                where = "left" if mine[0] < other[0] else "right"
            names.append(f"the {where} {shape}")
        else:
            names.append(f"the {_ORDINALS[same.index(i)]} {shape}")
    return names


def _shape_of(points: np.ndarray) -> str:
    """Name a stroke's shape: dot, loop, curve, or a straight stroke's slope."""
    length = _length(points)
    if length < DOT_LENGTH:
        return "dot"
    chord = points[-1] - points[0]
    span = float(np.linalg.norm(chord))
    if span < 0.3 * length:
        return "loop"
    across = np.array([-chord[1], chord[0]]) / span
    bend = float(np.abs((points - points[0]) @ across).max()) / span
    # Short strokes are named by their slope even when slightly bent.
    if bend > (0.25 if length < SHORT_LENGTH else 0.08):
        return "curve"

    dx, dy = abs(chord[0]), abs(chord[1])
    if dy < 0.36 * dx:
        slope = "horizontal stroke"
    elif dx < 0.27 * dy:
        slope = "vertical stroke"
    else:
        slope = "slanting stroke"
    return f"short {slope}" if length < SHORT_LENGTH else slope


def _direction_matters(reference: _Reference, index: int) -> bool:
    if index + 1 in reference.variants.free_direction:
        return False
    return _length(reference.raw[index]) >= DOT_LENGTH


# --- geometry ----------------------------------------------------------------


def _clean_strokes(drawn: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Keep the finite points of each stroke, dropping empty strokes."""
    if drawn is None or isinstance(drawn, (str, bytes)):
        raise ValueError("drawn must be a sequence of (n, 2) point arrays")
    strokes = []
    for stroke in drawn:
        points = np.asarray(stroke, dtype=np.float64)
        if points.size == 0:
            continue
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(
                f"drawn strokes must be (n, 2) point arrays, got shape {points.shape}"
            )
        points = points[np.isfinite(points).all(axis=1)]
        if len(points):
            strokes.append(points)
    return strokes


def _normalise(strokes: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Centre all strokes together and scale their longer side to 1."""
    everything = np.concatenate([np.asarray(s, dtype=np.float64) for s in strokes])
    low, high = everything.min(axis=0), everything.max(axis=0)
    size = float((high - low).max()) or 1.0
    centre = (low + high) / 2
    return [(np.asarray(s, dtype=np.float64) - centre) / size for s in strokes]


def _length(points: np.ndarray) -> float:
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def _resample(points: np.ndarray, n: int = RESAMPLE_POINTS) -> np.ndarray:
    """Resample a polyline to n points evenly spaced along its length."""
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    if along[-1] <= 0:
        return np.repeat(points[:1], n, axis=0)
    targets = np.linspace(0.0, along[-1], n)
    x = np.interp(targets, along, points[:, 0])
    y = np.interp(targets, along, points[:, 1])
    return np.column_stack([x, y])


def _distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b, axis=1).mean())


# --- matching ----------------------------------------------------------------


@dataclass(frozen=True)
class _Pair:
    drawn: tuple[int, ...]  # drawn stroke indices joined into this unit
    ref: tuple[int, ...]  # reference stroke indices joined into this unit
    reversed: bool
    cost: float  # distance of the fit as drawn
    forward: float  # distance with the drawn unit as it is
    backward: float  # distance with the drawn unit reversed
    points: np.ndarray  # the drawn unit, normalised and resampled
    target: np.ndarray  # the reference unit, normalised and resampled


@dataclass(frozen=True)
class _Match:
    pairs: tuple[_Pair, ...]  # in drawing order
    missing: tuple[int, ...]  # reference strokes not drawn
    extra: tuple[int, ...]  # drawn strokes matching no reference stroke
    score: float
    mean_cost: float
    identity_cost: float  # cost with the units in their expected order


def _best_match(reference: _Reference, drawn: list[np.ndarray]) -> _Match:
    n_ref, n_drawn = len(reference.strokes), len(drawn)
    best: _Match | None = None
    for ref_units, drawn_units, missing, extra in _groupings(n_ref, n_drawn):
        match = _assign(reference, drawn, ref_units, drawn_units, missing, extra)
        if best is None or match.score < best.score:
            best = match
    assert best is not None
    return best


def _groupings(n_ref: int, n_drawn: int):
    """Yield ways to pair up the strokes: (ref units, drawn units, missing, extra).

    A unit is a tuple of consecutive strokes drawn as one. The count gap is
    made up by joins and left-out strokes on the side with more strokes.
    """
    gap = n_ref - n_drawn
    if gap == 0:
        yield _singles(n_ref), _singles(n_drawn), (), ()
        return
    more = n_ref if gap > 0 else n_drawn
    for n_joins in range(abs(gap) + 1):
        for joins in _join_sets(more, n_joins):
            units = _units(more, joins)
            for dropped in itertools.combinations(
                [u for u in units if len(u) == 1], abs(gap) - n_joins
            ):
                kept = tuple(u for u in units if u not in dropped)
                gone = tuple(u[0] for u in dropped)
                if gap > 0:
                    yield kept, _singles(n_drawn), gone, ()
                else:
                    yield _singles(n_ref), kept, (), gone


def _singles(n: int) -> tuple[tuple[int, ...], ...]:
    return tuple((i,) for i in range(n))


def _join_sets(n: int, k: int):
    """Yield sets of k non-overlapping adjacent pairs (by first index) among n."""
    for starts in itertools.combinations(range(n - 1), k):
        if all(b > a + 1 for a, b in itertools.pairwise(starts)):
            yield starts


def _units(n: int, joins: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    units, i = [], 0
    while i < n:
        if i in joins:
            units.append((i, i + 1))
            i += 2
        else:
            units.append((i,))
            i += 1
    return tuple(units)


def _assign(reference, drawn, ref_units, drawn_units, missing, extra) -> _Match:
    """Pair drawn units with reference units at the least total distance."""
    # Scale each side by the strokes that are paired, so that a stroke left out
    # or added does not shift all the others.
    ref_raw = _normalise_subset(reference.raw, missing)
    drawn_raw = _normalise_subset(drawn, extra)
    ref_shapes = [_joined(ref_raw, unit) for unit in ref_units]
    drawn_shapes = [_joined(drawn_raw, unit) for unit in drawn_units]
    n = len(ref_units)
    forward = np.array([[_distance(d, r) for r in ref_shapes] for d in drawn_shapes])
    backward = np.array(
        [[_distance(d[::-1], r) for r in ref_shapes] for d in drawn_shapes]
    )
    cost = np.minimum(forward, backward)

    # Exact assignment by dynamic programming over subsets: n is at most 8.
    best = {0: (0.0, ())}
    for a in range(n):
        step = {}
        for mask, (total, order) in best.items():
            for r in range(n):
                if mask & (1 << r):
                    continue
                candidate = (total + cost[a, r], (*order, r))
                key = mask | (1 << r)
                if key not in step or candidate[0] < step[key][0]:
                    step[key] = candidate
        best = step
    total, order = best[(1 << n) - 1]

    identity = float(sum(cost[a, a] for a in range(n)))
    if identity - total <= ORDER_MARGIN:
        total, order = identity, tuple(range(n))

    pairs = tuple(
        _Pair(
            drawn_units[a],
            ref_units[r],
            bool(backward[a, r] < forward[a, r]),
            float(cost[a, r]),
            float(forward[a, r]),
            float(backward[a, r]),
            drawn_shapes[a],
            ref_shapes[r],
        )
        for a, r in enumerate(order)
    )
    penalty = MISSING_COST * (len(missing) + len(extra)) + JOIN_COST * sum(
        len(unit) > 1 for unit in (*ref_units, *drawn_units)
    )
    return _Match(
        pairs,
        missing,
        extra,
        score=float(total) + penalty,
        mean_cost=float(total) / max(n, 1),
        identity_cost=identity,
    )


def _normalise_subset(
    strokes: Sequence[np.ndarray], left_out: tuple[int, ...]
) -> list[np.ndarray]:
    if not left_out:
        return list(strokes)
    kept = [points for i, points in enumerate(strokes) if i not in left_out]
    scaled = iter(_normalise(kept))
    return [
        points if i in left_out else next(scaled) for i, points in enumerate(strokes)
    ]


def _joined(strokes: Sequence[np.ndarray], unit: tuple[int, ...]) -> np.ndarray:
    return _resample(np.concatenate([strokes[i] for i in unit]))


# --- notes -------------------------------------------------------------------


def _structure_notes(reference: _Reference, match: _Match, n_drawn: int) -> list:
    variants = reference.variants
    notes = []
    for pair in match.pairs:
        if len(pair.ref) > 1 and pair.ref[0] + 1 not in variants.joins:
            first, second = (_describe(reference, i) for i in pair.ref)
            notes.append(
                StrokeNote(
                    "merge",
                    pair.ref[0] + 1,
                    f"{first} and {second} are separate strokes: lift the pen "
                    "between them.",
                )
            )
        if len(pair.drawn) > 1 and pair.ref[0] + 1 not in variants.splits:
            notes.append(
                StrokeNote(
                    "split",
                    pair.ref[0] + 1,
                    f"Draw {_describe(reference, pair.ref[0])} in one go, without "
                    "lifting the pen.",
                )
            )
    for i in match.missing:
        notes.append(
            StrokeNote("count", i + 1, f"{_describe(reference, i)} is missing.")
        )
    for j in match.extra:
        notes.append(
            StrokeNote(
                "count",
                None,
                f"The {_ordinal(j)} stroke you drew is not part of {reference.kana}.",
            )
        )

    if notes:
        n_ref = len(reference.strokes)
        count = _count_note(n_ref, n_drawn).message.rstrip(".")
        if n_ref == n_drawn:
            count = ""
        first = notes[0]
        text = first.message[0].lower() + first.message[1:]
        notes[0] = StrokeNote(
            first.kind, first.stroke, f"{count}: {text}" if count else first.message
        )
    return notes


def _order_notes(reference: _Reference, match: _Match) -> list[StrokeNote]:
    """Name the first stroke drawn too early, and the one it should follow."""
    free = reference.variants.free_order
    drawn_order = [pair.ref[0] for pair in match.pairs]
    remaining = sorted(drawn_order)
    for drawn_ref in drawn_order:
        expected = remaining[0]
        if drawn_ref != expected and not _is_free_pair(free, expected, drawn_ref):
            return [
                StrokeNote(
                    "order",
                    expected + 1,
                    f"Draw {_describe(reference, expected)} before "
                    f"{_describe(reference, drawn_ref)}.",
                )
            ]
        remaining.remove(drawn_ref)
    return []


def _is_free_pair(free: frozenset[tuple[int, int]], a: int, b: int) -> bool:
    return (min(a, b) + 1, max(a, b) + 1) in free


def _direction_notes(reference: _Reference, match: _Match) -> list[StrokeNote]:
    notes = []
    for pair in match.pairs:
        if len(pair.ref) > 1 or len(pair.drawn) > 1:
            continue
        index = pair.ref[0]
        if not _direction_matters(reference, index):
            continue
        # Judge the way round by shape alone: where a short stroke sits says
        # little about which end the pen started from.
        target = pair.target - pair.target.mean(axis=0)
        points = pair.points - pair.points.mean(axis=0)
        forward, backward = _distance(points, target), _distance(points[::-1], target)
        margin = min(DIRECTION_MARGIN, DIRECTION_SHARE * _length(reference.raw[index]))
        if forward - backward < margin:
            continue
        words = _direction_words(reference.raw[index])
        notes.append(
            StrokeNote(
                "direction",
                index + 1,
                f"{_describe(reference, index)} {words}; you drew it the other "
                "way round.",
            )
        )
    return notes


def _position_notes(reference: _Reference, match: _Match) -> list[StrokeNote]:
    """Point out the stroke that starts or ends farthest from where it should.

    Each stroke is placed by fitting the other strokes onto theirs, so that one
    stroke drawn too long or too far out does not make the others look
    misplaced. Kana of two strokes give no frame good enough to judge by.
    """
    worst: tuple[float, int, str, np.ndarray] | None = None
    for pair in match.pairs:
        if len(pair.ref) > 1 or len(pair.drawn) > 1 or pair.reversed:
            continue
        index = pair.ref[0]
        # A loop's ends wander with the hand; a dot has no room to be wrong.
        if reference.shapes[index] in ("dot", "loop"):
            continue
        # Dots and voicing marks are too small to place anything by.
        others = [
            other
            for other in match.pairs
            if other is not pair
            and all(reference.shapes[i] not in _SMALL_SHAPES for i in other.ref)
        ]
        if len(others) < 2:
            continue
        scale, shift = _fit_similarity(
            np.concatenate([other.points for other in others]),
            np.concatenate([other.target for other in others]),
        )
        target, points = pair.target, pair.points * scale + shift
        for end, label in ((0, "Start"), (-1, "End")):
            offset = target[end] - points[end]
            distance = float(np.linalg.norm(offset))
            if distance > POSITION_LIMIT and (worst is None or distance > worst[0]):
                worst = (distance, index, label, offset)

    if worst is None:
        return []
    _, index, label, offset = worst
    message = f"{label} {_describe(reference, index)} {_offset_words(offset)}."
    return [StrokeNote("position", index + 1, message)]


def _fit_similarity(source: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Return the scale and shift that best map source points onto target points."""
    source_mean, target_mean = source.mean(axis=0), target.mean(axis=0)
    centred = source - source_mean
    spread = float((centred**2).sum())
    scale = float((centred * (target - target_mean)).sum()) / spread if spread else 1.0
    return scale, target_mean - scale * source_mean


def _describe(reference: _Reference, index: int) -> str:
    return f"stroke {index + 1} ({reference.names[index]})"


def _direction_words(points: np.ndarray) -> str:
    """Say which way a stroke runs: "goes top to bottom", "starts heading left"."""
    chord = points[-1] - points[0]
    if float(np.linalg.norm(chord)) >= 0.3 * _length(points):
        dx, dy = chord
        if abs(dx) < 0.5 * abs(dy):
            return "goes top to bottom" if dy > 0 else "goes bottom to top"
        if abs(dy) < 0.5 * abs(dx):
            return "goes left to right" if dx > 0 else "goes right to left"
        start = f"{'top' if dy > 0 else 'bottom'} {'left' if dx > 0 else 'right'}"
        end = f"{'bottom' if dy > 0 else 'top'} {'right' if dx > 0 else 'left'}"
        return f"goes from {start} to {end}"

    # A loop: say where it heads first.
    head = _resample(points)[RESAMPLE_POINTS // 5] - points[0]
    return f"starts heading {_compass_words(head, ('down', 'up'), ('right', 'left'))}"


def _offset_words(offset: np.ndarray) -> str:
    return _compass_words(
        offset, ("lower", "higher"), ("further right", "further left")
    )


def _compass_words(
    vector: np.ndarray, down_up: tuple[str, str], right_left: tuple[str, str]
) -> str:
    """Name a vector's main directions: one word, or two for a diagonal."""
    dx, dy = vector
    parts = []
    if abs(dy) >= 0.5 * abs(dx):
        parts.append(down_up[0] if dy > 0 else down_up[1])
    if abs(dx) >= 0.5 * abs(dy):
        parts.append(right_left[0] if dx > 0 else right_left[1])
    return " and ".join(parts)


def _count_note(n_ref: int, n_drawn: int) -> StrokeNote:
    noun = "stroke" if n_ref == 1 else "strokes"
    return StrokeNote("count", None, f"{n_ref} {noun} expected, you drew {n_drawn}.")


def _as_sentence(note: StrokeNote) -> StrokeNote:
    message = note.message[0].upper() + note.message[1:]
    return StrokeNote(note.kind, note.stroke, message)


def _ordinal(index: int) -> str:
    return _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"
