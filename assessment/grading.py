"""Grading rules as pure functions: no queries, so the grids can apply them to a whole cohort.

A unit's grade follows from the criteria achieved: Pass needs every Pass criterion, Merit every
Pass and Merit criterion, Distinction all of them; short of Pass it is "U" (not yet achieved).
Points per unit and the overall grade come from the programme's GradingScheme, which is data.
"""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

BANDS = ("P", "M", "D")
ORDER = {"U": 0, "P": 1, "M": 2, "D": 3}
# How a grade reads on a page (the grids, the IV coverage).
GRADE_NAMES = {"D": "Distinction", "M": "Merit", "P": "Pass", "U": "Not yet achieved (U)"}


def grade_from_counts(achieved: Mapping[str, int], totals: Mapping[str, int],
                      cap: str | None = None) -> str:
    """The grade when `achieved[band]` of the unit's `totals[band]` criteria are achieved.

    A band the unit has no criteria in cannot be awarded (a Pass-only unit tops out at Pass);
    `cap` (a retake's RetakeRule.max_band) is the highest grade that may be given.
    """
    grade = "U"
    for band in BANDS:
        total = totals.get(band, 0)
        if total == 0:
            continue
        if achieved.get(band, 0) < total:
            break
        grade = band
    if cap is not None and ORDER[grade] > ORDER[cap]:
        grade = cap
    return grade


def band_counts(pairs: Iterable[tuple[str, str]], codes: set[str] | None = None) -> dict:
    """How many of the (code, band) pairs fall in each band (only those in `codes`, if given)."""
    counts = dict.fromkeys(BANDS, 0)
    for code, band in pairs:
        if codes is None or code in codes:
            counts[band] += 1
    return counts


def unit_grade(achieved: set[str], unit_criteria: list[tuple[str, str]],
               cap: str | None = None) -> str:
    """"D", "M", "P" or "U" for the criterion codes achieved, of the unit's (code, band) list."""
    return grade_from_counts(band_counts(unit_criteria, achieved), band_counts(unit_criteria),
                             cap)


def best(*grades: str) -> str:
    """The highest of the grades given ("U" if none)."""
    return max(grades, key=ORDER.__getitem__, default="U")


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def unit_points(scheme: Any, glh: int, grade: str) -> int:
    """Points for a unit of `glh` guided learning hours at `grade`, from the scheme's table.

    A size missing from the table is scaled from the 60-hour row (halves round up).
    """
    if grade not in BANDS:
        return 0
    table = scheme.unit_points
    row = table.get(str(glh))
    if row is not None:
        return int(row[grade])
    base_hours = "60" if "60" in table else min(table, key=int)
    return _half_up(Decimal(table[base_hours][grade]) * glh / int(base_hours))


def overall_grade(scheme: Any, points: int) -> str:
    """The grade of the highest threshold `points` reaches, or "U"."""
    met = [t for t in scheme.thresholds if points >= t["min"]]
    return max(met, key=lambda t: t["min"])["grade"] if met else "U"
