"""Proposing an internal-verification sample for a year, and showing what a sample covers.

Pure: plain data in, plain data out, no database. The caller turns assessed work into
`Candidate`s and its assessors into `Assessor`s, and stores whatever sample the IV or Lead IV
settles on after adjusting the proposal.

The coverage universe is what the candidates contain: an assessor, unit, assessment criterion,
assignment, site or grade band counts as "taught" once some assessed work carries it. A
`site_id` of None means no site was recorded; it is not a site to cover.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BANDS = ("D", "M", "P", "U")
ATTEMPTS = ("first", "resubmission", "retake")

DIMENSIONS = ("assessors", "units", "criteria", "assignments", "sites", "bands")

# How much covering one more item of each dimension is worth to the greedy cover. Every item
# must be covered whatever its weight; the weights only decide which work is picked first.
WEIGHTS = {"assessors": 3, "units": 2, "criteria": 1, "assignments": 2, "sites": 2, "bands": 2}


@dataclass(frozen=True)
class Candidate:
    """One piece of assessed work that could be sampled."""

    submission_id: int
    assessor_id: int
    assignment_id: int
    unit_ids: frozenset[int]
    criterion_ids: frozenset[int]  # the criteria this work was assessed against
    site_id: int | None
    band: str  # "D", "M", "P" or "U": the grade band the work reached
    attempt: str = "first"  # "first", "resubmission" or "retake"

    def __post_init__(self) -> None:
        if self.band not in BANDS:
            raise ValueError(f"Unknown grade band {self.band!r}: expected one of {BANDS}.")
        if self.attempt not in ATTEMPTS:
            raise ValueError(f"Unknown attempt {self.attempt!r}: expected one of {ATTEMPTS}.")

    def items(self) -> dict[str, frozenset]:
        """What this work would cover, by dimension."""
        return {
            "assessors": frozenset({self.assessor_id}),
            "units": self.unit_ids,
            "criteria": self.criterion_ids,
            "assignments": frozenset({self.assignment_id}),
            "sites": frozenset() if self.site_id is None else frozenset({self.site_id}),
            "bands": frozenset({self.band}),
        }


@dataclass(frozen=True)
class Assessor:
    id: int
    new: bool = False  # new to assessing, or less experienced: sampled more


def _universe(candidates: Iterable[Candidate]) -> dict[str, frozenset]:
    found: dict[str, set] = {dimension: set() for dimension in DIMENSIONS}
    for candidate in candidates:
        for dimension, items in candidate.items().items():
            found[dimension] |= items
    return {dimension: frozenset(items) for dimension, items in found.items()}


def _by_id(candidates: Iterable[Candidate]) -> dict[int, Candidate]:
    by_id: dict[int, Candidate] = {}
    for candidate in candidates:
        if candidate.submission_id in by_id:
            raise ValueError(f"Submission {candidate.submission_id} is a candidate twice.")
        by_id[candidate.submission_id] = candidate
    return dict(sorted(by_id.items()))


def propose_sample(candidates: Sequence[Candidate], assessors: Iterable[Assessor], *,
                   minimum_per_assessor: int = 1, extra_for_new: int = 1) -> list[int]:
    """Propose the submissions to sample: their ids, in ascending order.

    First a greedy set cover: repeatedly take the work that covers the most of what is still
    uncovered (assessors, units, criteria, assignments, sites and grade bands, weighted by
    `WEIGHTS`), preferring a new assessor's work on a tie and then the lowest submission id,
    until every item any candidate carries is covered. Then a top-up: each assessor gets at
    least `minimum_per_assessor` pieces of work, a new assessor `extra_for_new` more, as far as
    they have work to sample; the top-up favours grade bands, assignments, units and attempts
    not yet sampled for that assessor.

    The same input always gives the same sample. The cover is greedy, so the sample is small
    but not promised to be the smallest possible: it grows with the number of things to cover
    (and of assessors), not with the amount of work, so for a large population it is a small
    fraction of it.
    """
    if minimum_per_assessor < 0 or extra_for_new < 0:
        raise ValueError("The minimum per assessor and the extra for new assessors cannot be "
                         "negative.")
    by_id = _by_id(candidates)
    new = {assessor.id for assessor in assessors if assessor.new}
    items = {sid: candidate.items() for sid, candidate in by_id.items()}

    chosen: list[int] = []
    uncovered = {dimension: set(found) for dimension, found in _universe(by_id.values()).items()}
    remaining = dict(by_id)

    def gain(sid: int) -> int:
        return sum(WEIGHTS[dimension] * len(uncovered[dimension] & carried)
                   for dimension, carried in items[sid].items())

    while any(uncovered.values()):
        best = max(remaining, key=lambda sid: (gain(sid), by_id[sid].assessor_id in new, -sid))
        chosen.append(best)
        del remaining[best]
        for dimension, carried in items[best].items():
            uncovered[dimension] -= carried

    work_of: dict[int, list[int]] = {}
    for sid, candidate in by_id.items():
        work_of.setdefault(candidate.assessor_id, []).append(sid)
    for assessor_id, their_work in sorted(work_of.items()):
        quota = minimum_per_assessor + (extra_for_new if assessor_id in new else 0)
        target = min(quota, len(their_work))
        sampled = [by_id[sid] for sid in chosen if by_id[sid].assessor_id == assessor_id]
        while len(sampled) < target:
            bands = {c.band for c in sampled}
            assignments = {c.assignment_id for c in sampled}
            units = set().union(*(c.unit_ids for c in sampled))
            attempts = {c.attempt for c in sampled}
            best = max((sid for sid in their_work if sid in remaining), key=lambda sid: (
                by_id[sid].band not in bands,
                by_id[sid].assignment_id not in assignments,
                len(by_id[sid].unit_ids - units),
                by_id[sid].attempt not in attempts,
                -sid,
            ))
            chosen.append(best)
            del remaining[best]
            sampled.append(by_id[best])
    return sorted(chosen)


@dataclass(frozen=True)
class Coverage:
    """What a set of sampled work covers, and what it still misses, by dimension.

    `covered` and `missing` are keyed by the names in `DIMENSIONS`. `per_assessor` counts the
    sampled work of each assessor who has any work (0 when none of it is sampled); `matrix`
    counts the sampled work for each (assessor id, unit id) pair that has any.
    `assessors_without_work` are assessors given who have no work to sample at all.
    """

    covered: dict[str, frozenset]
    missing: dict[str, frozenset]
    per_assessor: dict[int, int]
    matrix: dict[tuple[int, int], int]
    assessors_without_work: frozenset[int]

    @property
    def complete(self) -> bool:
        return not any(self.missing.values())


def coverage(chosen: Iterable[int], candidates: Sequence[Candidate],
             assessors: Iterable[Assessor]) -> Coverage:
    """What the chosen submissions (a plan, the records done so far, or both) cover.

    Ids that are not among the candidates are ignored.
    """
    by_id = _by_id(candidates)
    picked = [by_id[sid] for sid in sorted(set(chosen)) if sid in by_id]
    universe = _universe(by_id.values())
    covered = _universe(picked)
    per_assessor = Counter(dict.fromkeys(sorted(universe["assessors"]), 0))
    matrix: Counter[tuple[int, int]] = Counter()
    for candidate in picked:
        per_assessor[candidate.assessor_id] += 1
        for unit_id in candidate.unit_ids:
            matrix[candidate.assessor_id, unit_id] += 1
    return Coverage(
        covered=covered,
        missing={dimension: universe[dimension] - covered[dimension] for dimension in DIMENSIONS},
        per_assessor=dict(per_assessor),
        matrix=dict(matrix),
        assessors_without_work=frozenset(
            assessor.id for assessor in assessors) - universe["assessors"],
    )
