"""Helpers for the framework's tests: the shipped version, small versions made to size, and a
throwaway evidence provider that is always removed again."""

from collections.abc import Iterator
from typing import Any

import pytest

from qmr import evidence
from qmr.evidence import Evidence, Status
from qmr.framework.models import FrameworkVersion, Measure, Objective

SHIPPED_SLUG = "qmr-2016-17"


@pytest.fixture
def shipped(db: Any) -> FrameworkVersion:
    return FrameworkVersion.objects.get(slug=SHIPPED_SLUG)


def make_version(objectives: int, measures: int, *, name: str = "", first_year: int = 2030,
                 status: str = FrameworkVersion.Status.PUBLISHED) -> FrameworkVersion:
    """A version of `objectives` x `measures`, coded XQ.n.m so no provider names them."""
    version = FrameworkVersion.objects.create(
        name=name or f"Test framework {first_year}", slug=f"test-{first_year}",
        first_year=first_year, status=status)
    for i in range(1, objectives + 1):
        objective = Objective.objects.create(version=version, number=i, code=f"XQ.{i}",
                                             title=f"Objective {i}", statement="Aim.")
        Measure.objects.bulk_create([Measure(
            objective=objective, number=j, code=f"XQ.{i}.{j}", title=f"Measure {i}.{j}",
            summary="What to do.", suggested_evidence="Minutes\nPlans")
            for j in range(1, measures + 1)])
    return version


@pytest.fixture
def throwaway_provider() -> Iterator[Any]:
    """Register providers for the length of one test: `throwaway_provider(name, measure)`."""
    names = []

    def _register(name: str, measure: str, status: str = Status.IN_PLACE) -> None:
        names.append(name)
        evidence.register(name, measure, f"Throwaway {name}")(
            lambda centre: Evidence(measure, f"Throwaway {name}", status,
                                    "Computed for the test."))

    yield _register
    for name in names:
        evidence.unregister(name)
