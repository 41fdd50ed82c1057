"""The IV record PDF: the brief's verification and the sampled decisions' verifications of an
assignment, asked for from the brief's IV page and offered to those who read those records."""

import pytest
from django.urls import reverse

from tests.pdf_support import ask, assert_only_readers, download, text_of
from tests.qmr.matrix_support import PLAN_READ
from verification import services

pytestmark = pytest.mark.django_db

GOOD = services.Feedback(authenticity_confirmed=True, links_to_criteria=True,
                         justifies_awards=True, avoids_improvement_actions=True)


@pytest.fixture
def verified(world, assessed):
    submission, decision = assessed
    checks = {r.criterion_id: (r.criterion.code != "P2", "Only one role explained."
                               if r.criterion.code == "P2" else "")
              for r in decision.results.select_related("criterion")}
    return services.verify_decision(actor=world["iv"], submission=submission, checks=checks,
                                    feedback=GOOD, declared=True,
                                    comments="P2 asks for two roles.")


def test_the_iv_record_holds_the_brief_and_the_sampled_decisions(client, world, verified,
                                                                  committed):
    assignment = verified.submission.assignment
    job = ask(client, committed, world["lead_iv"],
              reverse("verification:brief-iv-pdf", args=[assignment.pk]))
    assert job.params["verifications"] == [verified.pk]
    text = text_of(download(client, job))
    assert "Internal verification record" in text and "Careers in sport" in text
    assert "Fit for purpose" in text and "Are the deadlines clear?" in text
    assert str(verified.submission.learner) in text
    assert "P2: not accurate — Only one role explained." in text
    assert "Not all accurate" in text and "waiting for Assessor" in text


def test_only_the_records_readers_get_the_iv_record(client, world, verified, committed):
    url = reverse("verification:brief-iv-pdf", args=[verified.submission.assignment_id])
    job = ask(client, committed, world["iv"], url)
    assert_only_readers(client, world, job, PLAN_READ)
    for persona in ("learner", "outsider", "exams", "sv"):
        client.force_login(world[persona])
        assert client.post(url).status_code == 404
