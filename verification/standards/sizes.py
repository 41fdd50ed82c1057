"""How big a standards verification sample is. The awarding body sets the size by control
level and the number of learners on the programme; the seeds give no figures, so the table
below is this product's default until rows are entered as `SampleSize` data (in the admin)."""

from dataclasses import dataclass

from verification.standards.models import ControlLevel, SampleSize

# control level -> [(cohort from, learners, units)], smallest cohort first.
DEFAULT_SAMPLE_SIZES: dict[str, list[tuple[int, int, int]]] = {
    ControlLevel.STANDARD: [(1, 4, 2), (16, 6, 2), (41, 8, 3)],
    ControlLevel.ENHANCED: [(1, 6, 3), (16, 9, 3), (41, 12, 4)],
}


@dataclass(frozen=True)
class Size:
    learners: int
    units: int


def sample_size(control_level: str, cohort: int) -> Size:
    """The sample asked of a programme of `cohort` learners at this control level (one
    query)."""
    rows = [(r.cohort_from, r.learners, r.units)
            for r in SampleSize.objects.filter(control_level=control_level)]
    rows = sorted(rows or DEFAULT_SAMPLE_SIZES[control_level])
    chosen = rows[0]
    for row in rows:
        if row[0] <= cohort:
            chosen = row
    return Size(learners=chosen[1], units=chosen[2])
