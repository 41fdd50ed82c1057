"""Actions: set with an owner and due date, followed to closure with evidence."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from qmr.audit import AuditEvent
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.meetings import actions
from qmr.meetings.worklists import your_open_actions

pytestmark = pytest.mark.django_db


def _action(world, owner="leader", days=7, actor="nominee"):
    return actions.add_action(actor=world[actor], centre=world.centre,
                              description="Update the assessment plan", owner=world[owner],
                              due_on=timezone.localdate() + timedelta(days=days))


def test_it_adds_an_action_with_owner_and_due_date(world):
    action = _action(world)
    assert (action.owner, action.raised_by, action.is_open) == (world["leader"],
                                                                world["nominee"], True)
    assert AuditEvent.objects.filter(code="meetings.action.added",
                                     object_id=str(action.pk)).exists()


@pytest.mark.parametrize("change, words", [
    ({"description": "  "}, "description is empty"),
    ({"due_on": timezone.localdate() - timedelta(days=400)}, "already passed"),
])
def test_it_refuses_a_blank_description_or_past_date(world, change, words):
    kwargs = {"actor": world["nominee"], "centre": world.centre, "description": "Do it",
              "owner": world["leader"], "due_on": timezone.localdate()} | change
    with pytest.raises(DomainError, match=words):
        actions.add_action(**kwargs)


@pytest.mark.parametrize("owner", ["outsider", "learner"])
def test_it_refuses_an_owner_who_is_not_staff_at_the_centre(world, owner):
    with pytest.raises(DomainError, match="holds no staff role"):
        _action(world, owner=owner)


def test_the_owner_closes_it_with_evidence(world):
    action = _action(world)
    actions.close_action(actor=world["leader"], action=action, evidence="Plan re-signed",
                         file=SimpleUploadedFile("plan.pdf", b"%PDF-1"))
    action.refresh_from_db()
    assert (action.is_open, action.closed_by, action.closure_evidence) == (
        False, world["leader"], "Plan re-signed")
    assert action.closure_file.name.endswith(".pdf")


def test_the_nominee_closes_another_persons_action(world):
    action = actions.close_action(actor=world["nominee"], action=_action(world),
                                  evidence="Seen the new plan")
    assert action.closed_by == world["nominee"]


def test_closing_without_evidence_is_refused_and_nothing_changes(world):
    action = _action(world)
    with pytest.raises(DomainError, match="Say what shows"):
        actions.close_action(actor=world["nominee"], action=action, evidence=" ")
    action.refresh_from_db()
    assert action.is_open and action.closed_by is None


def test_a_colleague_cannot_close_another_persons_action(world):
    action = _action(world)
    with pytest.raises(PermissionDenied):
        actions.close_action(actor=world["assessor"], action=action, evidence="Done")
    action.refresh_from_db()
    assert action.is_open


def test_a_closed_action_cannot_be_closed_again(world):
    action = actions.close_action(actor=world["leader"], action=_action(world), evidence="x")
    with pytest.raises(TransitionNotAllowed, match="already closed"):
        actions.close_action(actor=world["nominee"], action=action, evidence="y")


def test_who_reads_an_action(world):
    action = _action(world)
    # The external reviewer reads the centre's quality records, actions included.
    for name in ("leader", "nominee", "head", "slt", "reviewer"):
        assert actions.get_action_for_user(world[name], action.pk) == action
    for name in ("assessor", "learner", "outsider"):
        with pytest.raises(Http404):
            actions.get_action_for_user(world[name], action.pk)


def test_open_actions_come_overdue_first_and_show_on_the_home_page(world, login):
    later = _action(world, days=20)
    soon = _action(world, days=0)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert actions.open_actions_for(world["leader"]) == [soon, later]
        items = your_open_actions(world["leader"], [])
        assert items[0].overdue and not items[1].overdue
        page = login(world["leader"]).get(reverse("qmr:home")).content.decode()
    assert "Your open actions" in page and "overdue since" in page


def test_closing_by_the_page_shows_the_refusal_and_changes_nothing(world, login):
    action = _action(world)
    response = login(world["nominee"]).post(reverse("meetings:action-close", args=[action.pk]),
                                            {"evidence": ""}, follow=True)
    assert "Say what shows the action was done" in response.content.decode()
    action.refresh_from_db()
    assert action.is_open


def test_closing_by_the_page_is_404_unseen_and_403_seen_but_not_owner(world, login):
    action = _action(world)
    response = login(world["outsider"]).post(reverse("meetings:action-close", args=[action.pk]),
                                             {"evidence": "Done"})
    assert response.status_code == 404
    actions.get_action_for_user(world["head"], action.pk)
    response = login(world["head"]).post(reverse("meetings:action-close", args=[action.pk]),
                                         {"evidence": "Done"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.is_open
