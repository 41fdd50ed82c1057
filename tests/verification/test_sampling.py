"""The proposed internal-verification sample covers everything taught, and coverage shows gaps.

No database: `verification.sampling` works on plain data. The property test draws 300 random
programmes from seeded `random.Random`s (hypothesis is not a dependency of this project).
"""

import random

import pytest

from verification.sampling import DIMENSIONS, Assessor, Candidate, coverage, propose_sample

SEEDS = range(300)


def programme(seed: int, submissions: int | None = None):
    """A random year of assessed work: (candidates, assessors)."""
    rng = random.Random(seed)
    assessors = [Assessor(id=100 + i, new=rng.random() < 0.3) for i in range(rng.randint(1, 6))]
    criteria_of_unit: dict[int, list[int]] = {}
    next_criterion = 1000
    for unit in range(1, rng.randint(1, 8) + 1):
        count = rng.randint(1, 12)
        criteria_of_unit[unit] = list(range(next_criterion, next_criterion + count))
        next_criterion += count
    unit_of = {c: unit for unit, criteria in criteria_of_unit.items() for c in criteria}
    assignments: dict[int, frozenset[int]] = {}
    for assignment in range(500, 500 + rng.randint(1, 10)):
        units = rng.sample(sorted(criteria_of_unit),
                           k=min(rng.randint(1, 2), len(criteria_of_unit)))
        pool = [c for unit in units for c in criteria_of_unit[unit]]
        assignments[assignment] = frozenset(rng.sample(pool, k=rng.randint(1, len(pool))))
    sites = [None] if rng.random() < 0.1 else []
    sites += list(range(1, rng.randint(1, 3) + 1))
    bands = rng.sample("DMPU", k=rng.randint(1, 4))
    candidates = []
    for i in range(submissions or rng.randint(5, 300)):
        assignment = rng.choice(sorted(assignments))
        criteria = assignments[assignment]
        if rng.random() < 0.2:  # work assessed against only part of the brief
            criteria = frozenset(rng.sample(sorted(criteria), k=rng.randint(1, len(criteria))))
        candidates.append(Candidate(
            submission_id=rng.randint(1, 9) * 10_000 + i,
            assessor_id=rng.choice(assessors).id,
            assignment_id=assignment,
            unit_ids=frozenset(unit_of[c] for c in criteria),
            criterion_ids=criteria,
            site_id=rng.choice(sites),
            band=rng.choice(bands),
            attempt=rng.choice(["first", "first", "first", "resubmission", "retake"]),
        ))
    return candidates, assessors


def work(submission_id, *, assessor=1, assignment=1, units=(1,), criteria=(11,), site=1, band="P",
         attempt="first"):
    return Candidate(submission_id, assessor, assignment, frozenset(units), frozenset(criteria),
                     site, band, attempt)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_proposed_sample_covers_every_dimension_of_a_random_programme(seed):
    candidates, assessors = programme(seed)

    sample = propose_sample(candidates, assessors)

    assert coverage(sample, candidates, assessors).missing == {d: frozenset() for d in DIMENSIONS}
    assert len(set(sample)) == len(sample)
    assert set(sample) <= {c.submission_id for c in candidates}
    shuffled = candidates[:]
    random.Random(seed).shuffle(shuffled)
    assert propose_sample(shuffled, list(reversed(assessors))) == sample
    if len(candidates) >= 100:
        assert len(sample) <= len(candidates) / 2
    new = {a.id for a in assessors if a.new}
    sampled = coverage(sample, candidates, assessors).per_assessor
    for assessor_id, count in sampled.items():
        has = sum(c.assessor_id == assessor_id for c in candidates)
        assert count >= min(1 + (assessor_id in new), has)


def test_it_is_the_same_sample_every_time():
    candidates, assessors = programme(7, submissions=200)
    assert propose_sample(candidates, assessors) == propose_sample(candidates, assessors)


def test_a_deliberately_unsampled_assessor_shows_as_missing():
    candidates, assessors = programme(11, submissions=150)
    sample = propose_sample(candidates, assessors)
    left_out = candidates[0].assessor_id
    of_left_out = {c.submission_id for c in candidates if c.assessor_id == left_out}

    gap = coverage([s for s in sample if s not in of_left_out], candidates, assessors)

    assert left_out in gap.missing["assessors"]
    assert gap.per_assessor[left_out] == 0
    assert not any(assessor == left_out for assessor, _ in gap.matrix)
    assert coverage(sample, candidates, assessors).complete
    assert not gap.complete


def test_a_new_assessor_gets_more_of_their_work_sampled():
    candidates = [work(i, assessor=1) for i in range(1, 6)] + [work(i, assessor=2)
                                                               for i in range(6, 11)]
    assessors = [Assessor(1, new=False), Assessor(2, new=True)]

    per_assessor = coverage(propose_sample(candidates, assessors), candidates,
                            assessors).per_assessor

    assert per_assessor == {1: 1, 2: 2}


def test_the_minimum_and_the_extra_for_new_assessors_can_be_raised():
    candidates = [work(i, assessor=1) for i in range(1, 6)] + [work(i, assessor=2)
                                                               for i in range(6, 11)]
    assessors = [Assessor(1, new=False), Assessor(2, new=True)]

    sample = propose_sample(candidates, assessors, minimum_per_assessor=2, extra_for_new=2)

    assert coverage(sample, candidates, assessors).per_assessor == {1: 2, 2: 4}


def test_a_new_assessor_with_little_work_has_all_of_it_sampled():
    candidates = [work(1, assessor=1), work(2, assessor=1), work(3, assessor=2)]
    assessors = [Assessor(1), Assessor(2, new=True)]

    assert propose_sample(candidates, assessors, minimum_per_assessor=1,
                          extra_for_new=3) == [1, 3]


def test_the_top_up_spreads_an_assessors_sample_across_grade_bands():
    candidates = [work(1, band="P"), work(2, band="P"), work(3, band="P")]
    candidates += [work(4, assessor=2, band="P"), work(5, assessor=2, band="D")]
    assessors = [Assessor(1), Assessor(2, new=True)]

    assert propose_sample(candidates, assessors) == [1, 4, 5]


def test_every_grade_band_present_is_sampled():
    candidates = [work(i, band=band) for i, band in enumerate("PPPPDDMMUU", start=1)]

    sample = propose_sample(candidates, [Assessor(1)])

    assert {c.band for c in candidates if c.submission_id in sample} == {"D", "M", "P", "U"}
    assert len(sample) == 4


def test_work_from_every_assignment_and_site_is_sampled():
    candidates = [work(i, assignment=1 + i % 3, site=1 + i % 2) for i in range(1, 30)]

    cover = coverage(propose_sample(candidates, [Assessor(1)]), candidates, [Assessor(1)])

    assert cover.covered["assignments"] == {1, 2, 3}
    assert cover.covered["sites"] == {1, 2}


def test_a_sample_of_nothing_covers_nothing():
    candidates = [work(1, units=(1, 2), criteria=(11, 21)), work(2, assessor=2, site=None)]

    cover = coverage([], candidates, [Assessor(1), Assessor(2), Assessor(3)])

    assert cover.missing == {"assessors": {1, 2}, "units": {1, 2}, "criteria": {11, 21},
                             "assignments": {1}, "sites": {1}, "bands": {"P"}}
    assert cover.per_assessor == {1: 0, 2: 0}
    assert cover.assessors_without_work == {3}


def test_coverage_counts_sampled_work_per_assessor_and_unit():
    candidates = [work(1, units=(1, 2)), work(2, units=(1,)), work(3, assessor=2, units=(2,))]

    cover = coverage([1, 2, 3], candidates, [])

    assert cover.matrix == {(1, 1): 2, (1, 2): 1, (2, 2): 1}
    assert cover.per_assessor == {1: 2, 2: 1}


def test_no_work_no_sample():
    assert propose_sample([], [Assessor(1, new=True)]) == []


def test_a_submission_offered_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        propose_sample([work(1), work(1)], [])


def test_an_unknown_grade_band_is_refused():
    with pytest.raises(ValueError, match="band"):
        work(1, band="A*")
