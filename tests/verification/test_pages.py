"""Verification pages: the programme's sample and coverage, verifying through the page, the
Lead IV closing actions; query counts that do not grow."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment import services as assessment
from tests.assessment.conftest import all_results, hand_in
from tests.factories import LearnerFactory
from verification import services
from verification.models import DecisionVerification, IVSample

pytestmark = pytest.mark.django_db


def test_the_proposal_covers_everything_and_can_be_taken(world, client, assessed):
    client.force_login(world["lead_iv"])
    url = f"/verification/programmes/{world.programme.pk}/"
    page = client.get(url).content.decode()
    assert "Gaps" in page and "Proposed sample" in page
    gaps = page.split("Not yet covered:")[1].split("</ul>")[0]
    assert f"Assessors: {world['assessor']}" in gaps  # nothing of theirs sampled yet
    submission, _ = assessed
    client.post(f"{url}sample/", {"submission": [submission.pk], "due_on": "2026-12-01"})
    sample = IVSample.objects.get()
    assert sample.verifier == world["iv"] and sample.chosen_by == world["lead_iv"]
    assert "Complete" in client.get(url).content.decode()


def test_the_coverage_names_each_gap_and_draws_the_criteria_per_unit(world, client, assessed):
    from qmr.models import Site

    submission, _ = assessed
    site = Site.objects.create(centre=world.centre, name="Riverside campus")
    learner = submission.learner
    learner.site = site
    learner.save(update_fields=["site"])
    client.force_login(world["lead_iv"])
    url = f"/verification/programmes/{world.programme.pk}/"
    page = client.get(url).content.decode()
    gaps = page.split("Not yet covered:")[1].split("</ul>")[0]
    assert "Criteria: Unit 3 P1, Unit 3 P2, Unit 3 M1" in gaps
    assert "Assignments: Careers in sport" in gaps and "Sites: Riverside campus" in gaps
    assert "✗ P1" in page and "✓ P1" not in page
    assert "only in work already returned" not in page  # the work is held: a sample reaches it
    client.post(f"{url}sample/", {"submission": [submission.pk], "due_on": "2026-12-01"})
    page = client.get(url).content.decode()
    assert "Not yet covered" not in page and "✓ P1" in page and "✓ M1" in page
    year_sample = page.split("The year's sample")[1].split("</table>")[0]
    assert str(submission.learner) in year_sample and str(world["iv"]) in year_sample
    assert "1 Dec 2026" in year_sample and "waiting" in year_sample


def test_a_gap_only_returned_work_carries_is_said_to_be_out_of_reach(world, client, assessed):
    _, decision = assessed
    assessment.release_result(actor=world["assessor"], decision=decision)
    client.force_login(world["lead_iv"])
    page = client.get(f"/verification/programmes/{world.programme.pk}/").content.decode()
    assert "only in work already returned to learners" in page
    assert f"goes back — assessors: {world['assessor']}; " in page


def test_an_iv_verifies_through_the_page(world, client, assessed):
    submission, decision = assessed
    client.force_login(world["iv"])
    data = {f"accurate-{r.criterion_id}": "yes" for r in decision.results.all()}
    data |= {"authenticity_confirmed": "on", "links_to_criteria": "on",
             "justifies_awards": "on", "avoids_improvement_actions": "on", "declared": "on"}
    response = client.post(f"/verification/work/{submission.pk}/", data, follow=True)
    assert "Verification recorded" in response.content.decode()
    assert DecisionVerification.objects.get().agrees


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


def grow(world, cohort, assignment, n, start):
    for i in range(n):
        learner = LearnerFactory(programme=world.programme, cohort=cohort, status="registered",
                                 centre_ref=f"V{start + i:05d}",
                                 registration_number=f"VR{start + i:06d}")
        submission = hand_in(world, assignment, learner=learner)
        assessment.record_decision(actor=world["assessor"], submission=submission,
                                   results=all_results(assignment), feedback="ok",
                                   authentic=True)
        services.choose_for_sample(actor=world["iv"], submission=submission,
                                   verifier=world["iv"], due_on=date(2026, 12, 1))


@pytest.mark.parametrize("persona,path", [("lead_iv", "/verification/programmes/{p}/"),
                                          ("iv", "/verification/mine/"), ("iv", "/")])
def test_verification_pages_do_not_grow(world, client, cohort, issued, assignment, persona,
                                        path):
    url = path.format(p=world.programme.pk)
    grow(world, cohort, assignment, 2, 0)
    client.force_login(world[persona])
    small = count(client, url)
    grow(world, cohort, assignment, 12, 100)
    assert count(client, url) == small
