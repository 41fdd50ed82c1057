"""Malpractice cases made through the real services, and a person unconnected to the
programme team (a programme leader on another programme and subject area of centre A)."""

import pytest
from django.forms.models import model_to_dict

from appeals.malpractice import services
from appeals.malpractice.models import Category, MalpracticeCase
from qmr.audit import AuditEvent
from tests.conftest import appoint
from tests.factories import ProgrammeFactory


@pytest.fixture
def outside_team(world):
    other = ProgrammeFactory(centre=world.centre)
    return appoint(world.centre, "elsewhere@a.example", "programme_leader", other)


@pytest.fixture
def staff_case(world):
    """Against the assessor persona, on the programme."""
    return services.raise_case(
        actor=world["nominee"], centre=world.centre, staff_member=world["assessor"],
        programme=world.programme, category=Category.IMPROPER_ASSISTANCE,
        allegation="Rewrote learners' drafts.", how_discovered="An IV sample.",
        effect_on_candidates="Some learners advantaged.", investigation_plan="Interviews.")


@pytest.fixture
def learner_case(world):
    """Against the learner persona, on work they declared their own."""
    return services.raise_case(
        actor=world["nominee"], centre=world.centre, learner=world["learner"].learner,
        category=Category.AI_MISUSE, allegation="The report was written by a chatbot.",
        how_discovered="The assessor checked the references.", witnesses="The assessor.",
        candidates_informed="Induction and the handbook.", declaration_signed=True)


def snapshot(case):
    """Everything about the case that a refused step must leave as it was."""
    case = MalpracticeCase.objects.get(pk=case.pk)
    return (model_to_dict(case), case.history.count(), case.evidence.count(),
            AuditEvent.objects.count())
