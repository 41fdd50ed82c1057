"""Assessment's PDFs as background jobs: the tracking grid (a unit's, and all units with each
unit's) and a learner's assessment record with its feedback, asked for from their pages and
offered only to those who read those pages."""

import pytest
from django.urls import reverse

from assessment import services
from tests.assessment.conftest import all_results, hand_in
from tests.pdf_support import ask, assert_only_readers, download, text_of
from tests.qmr.matrix_support import PLAN_READ, WORK_READ

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(world, issued, assignment):
    """The learner persona's work: P1 achieved, then corrected to P1 and P2, released."""
    work = hand_in(world, assignment)
    first = services.record_decision(actor=world["assessor"], submission=work,
                                     results=all_results(assignment), feedback="P1 met.",
                                     authentic=True)
    corrected = services.correct_decision(
        actor=world["assessor"], decision=first, results=all_results(assignment, ("P1", "P2")),
        feedback="P1 and P2 met.", reason="P2 is on page 3: I missed it.")
    services.release_result(actor=world["assessor"], decision=corrected)
    return work


def test_the_unit_grid_pdf_shows_each_learners_criteria(client, world, decided, unit, committed):
    cohort = decided.learner.cohort
    url = reverse("assessment:grid-unit-pdf", args=[cohort.pk, unit.pk])
    job = ask(client, committed, world["leader"], url)
    text = text_of(download(client, job))
    learner = decided.learner
    assert f"{learner.last_name}, {learner.first_name}" in text
    assert "Tracking grid: unit 3" in text and "Learners achieving" in text
    assert "2/4" in text  # P1 and P2 of the unit's four criteria
    assert "Page 1 of" in text and world.centre.name in text


def test_the_all_units_pdf_holds_the_cohort_grid_and_each_unit(client, world, decided, unit,
                                                               committed):
    url = reverse("assessment:grid-cohort-pdf", args=[decided.learner.cohort.pk])
    job = ask(client, committed, world["head"], url)
    assert (job.done, job.total) == (3, 3)  # the unit grades, the one unit, the layout
    text = text_of(download(client, job))
    assert "Tracking grid: all units" in text and "Professional Development" in text


def test_only_the_grids_staff_readers_get_the_grid_pdf(client, world, decided, unit, committed):
    cohort = decided.learner.cohort
    url = reverse("assessment:grid-unit-pdf", args=[cohort.pk, unit.pk])
    job = ask(client, committed, world["leader"], url)
    assert_only_readers(client, world, job, PLAN_READ)
    for persona, status in (("learner", 404), ("outsider", 404), ("exams", 403)):
        client.force_login(world[persona])
        assert client.post(url).status_code == status


def test_the_record_holds_the_hand_in_decisions_feedback_and_correction(client, world, decided,
                                                                         committed):
    url = reverse("assessment:submission-pdf", args=[decided.pk])
    job = ask(client, committed, world["assessor"], url)
    text = text_of(download(client, job))
    assert str(decided.learner) in text and "Careers in sport" in text
    assert "Signed by the learner" in text and "on time" in text
    assert "Corrected decision by Assessor" in text
    assert "P2 is on page 3: I missed it." in text and "P2 feedback" in text
    assert "replaced by a correction" in text


def test_the_learner_reads_their_own_copy_only(client, world, decided, committed):
    url = reverse("assessment:submission-pdf", args=[decided.pk])
    staff_copy = ask(client, committed, world["assessor"], url)
    own_copy = ask(client, committed, world["learner"], url)
    assert_only_readers(client, world, staff_copy, WORK_READ - {"learner"})
    assert_only_readers(client, world, own_copy, WORK_READ)
    assert own_copy.params["learner_copy"] is True


def test_an_unreleased_result_is_not_in_the_learners_copy(client, world, issued, assignment,
                                                          committed):
    work = hand_in(world, assignment)
    services.record_decision(actor=world["assessor"], submission=work,
                             results=all_results(assignment), feedback="Secret so far.",
                             authentic=True)
    job = ask(client, committed, world["learner"],
              reverse("assessment:submission-pdf", args=[work.pk]))
    text = text_of(download(client, job))
    assert "No result has been released to you yet." in text and "Secret so far." not in text
