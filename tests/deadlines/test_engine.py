"""The engine keeps one row per deadline true to what the sources yield: new ones appear,
moved ones move, met ones close (and reopen if the records change back), and a deadline
with no named owner goes to the centre's Quality Nominee."""

from datetime import timedelta

import pytest
from django.core import checks

from qmr.deadlines import kinds, registry, services
from qmr.deadlines.models import Deadline
from tests.deadlines.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(monkeypatch):
    """The sources, replaced by one that yields whatever `records` holds (a list of Dues)."""
    held: list[registry.Due] = []
    monkeypatch.setattr(registry, "_sources", {})
    registry.register("assessment.assignment")(lambda centre, today: list(held))
    return held


def due(key, days, owner=None, title=None):
    return registry.Due(key=key, title=title or f"Hand in {key}",
                        due_on=TODAY + timedelta(days=days), owner_id=owner,
                        url="/x/", rule="As set on the brief.")


def test_refresh_adds_moves_closes_and_reopens(world, records):
    assessor = world["assessor"]
    records[:] = [due("a:1", 3, assessor.pk), due("a:2", 10)]
    assert services.refresh(world.centre) == {"added": 2, "changed": 0, "closed": 0}
    first = Deadline.objects.get(key="a:1")
    assert (first.owner, first.kind, first.rule) == (assessor, "assessment.assignment",
                                                     "As set on the brief.")
    assert Deadline.objects.get(key="a:2").owner == world["nominee"]

    assert services.refresh(world.centre) == {"added": 0, "changed": 0, "closed": 0}

    records[:] = [due("a:1", 5, assessor.pk)]
    assert services.refresh(world.centre) == {"added": 0, "changed": 1, "closed": 1}
    assert Deadline.objects.get(key="a:1").due_on == TODAY + timedelta(days=5)
    assert Deadline.objects.get(key="a:2").closed_at is not None

    records[:] = [due("a:1", 5, assessor.pk), due("a:2", 10)]
    assert services.refresh(world.centre) == {"added": 0, "changed": 1, "closed": 0}
    assert Deadline.objects.get(key="a:2").closed_at is None


def test_refresh_leaves_other_centres_alone(world, records, deadline):
    theirs = deadline("b:1", days=2, centre=world.other_centre)
    records[:] = [due("a:1", 3)]
    services.refresh(world.centre)
    theirs.refresh_from_db()
    assert theirs.closed_at is None


def test_start_up_fails_when_a_kind_has_no_source(monkeypatch):
    monkeypatch.setattr(registry, "_sources", {})
    from qmr.deadlines.checks import every_kind_has_a_source

    errors = every_kind_has_a_source()
    assert {e.id for e in errors} == {"deadlines.E001"}
    assert len(errors) == len(kinds.REQUIRED)
    assert "Policy review" in " ".join(e.msg for e in errors)


def test_every_kind_has_a_source_in_the_product():
    assert [e for e in checks.run_checks() if e.id == "deadlines.E001"] == []


def test_the_same_rule_in_two_centres_makes_two_deadlines(world, records):
    """The awarding body's yearly dates have the same key everywhere: each centre keeps its
    own row, with its own owner."""
    records[:] = [due("registrations.awarding_body_date:2026/27:claims_by", 30)]
    services.refresh(world.centre)
    services.refresh(world.other_centre)
    assert sorted(Deadline.objects.values_list("centre", "owner")) == sorted([
        (world.centre.pk, world["nominee"].pk),
        (world.other_centre.pk, world["outsider"].pk)])
