"""Assessment pages keep the same query count as the work grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment import services
from tests.assessment.conftest import all_results, hand_in
from tests.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


def grow(world, cohort, assignment, n, start):
    """n more registered learners, each with work handed in, half of it assessed."""
    learners = [LearnerFactory(programme=world.programme, cohort=cohort,
                               centre_ref=f"G{start + i:05d}", status="registered",
                               registration_number=f"GR{start + i:06d}") for i in range(n)]
    for i, learner in enumerate(learners):
        submission = hand_in(world, assignment, learner=learner)
        if i % 2:
            decision = services.record_decision(
                actor=world["assessor"], submission=submission, authentic=True,
                results=all_results(assignment), feedback="ok",
                can_improve_without_guidance=True)
            services.release_result(actor=world["assessor"], decision=decision)
            services.request_resubmission(actor=world["assessor"], submission=submission)


PAGES = [
    ("leader", "/assessment/plans/"),
    ("leader", "/assessment/plans/{plan}/"),
    ("assessor", "/assessment/assignments/{assignment}/"),
    ("assessor", "/assessment/assessing/"),
    ("lead_iv", "/assessment/resubmissions/"),
    ("learner", "/assessment/my-work/"),
    ("assessor", "/"),
]


@pytest.mark.parametrize("persona,path", PAGES)
def test_assessment_pages_do_not_grow(client, world, cohort, issued, assignment, persona, path):
    url = path.format(plan=assignment.plan_id, assignment=assignment.pk)
    hand_in(world, assignment)
    grow(world, cohort, assignment, 2, 0)
    client.force_login(world[persona])
    small = count(client, url)
    grow(world, cohort, assignment, 12, 100)
    assert count(client, url) == small
