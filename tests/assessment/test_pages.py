"""Assessment pages as each person sees them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment import services
from assessment.models import Submission
from tests.assessment.conftest import all_results, hand_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(world, issued, assignment):
    submission = hand_in(world, assignment)
    decision = services.record_decision(actor=world["assessor"], submission=submission,
                                        results=all_results(assignment), authentic=True,
                                        can_improve_without_guidance=True,
                                        feedback="Clear structure; add sources for P2.")
    return submission, decision


def test_learner_sees_feedback_only_once_released(world, client, assessed):
    submission, decision = assessed
    client.force_login(world["learner"])
    url = f"/assessment/submissions/{submission.pk}/"
    assert "add sources for P2" not in client.get(url).content.decode()
    services.release_result(actor=world["assessor"], decision=decision)
    page = client.get(url).content.decode()
    assert "add sources for P2" in page and "I have received my result" in page


def test_exams_officer_cannot_read_feedback(world, client, assessed):
    submission, _ = assessed
    client.force_login(world["exams"])
    assert client.get(f"/assessment/submissions/{submission.pk}/").status_code == 404
    file = submission.files.get()
    assert client.get(f"/assessment/files/{file.pk}/").status_code == 404


def test_the_assessor_downloads_the_evidence(world, client, assessed):
    submission, _ = assessed
    client.force_login(world["assessor"])
    response = client.get(f"/assessment/files/{submission.files.get().pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_assessor_records_a_decision_through_the_page(world, client, issued, assignment):
    submission = hand_in(world, assignment)
    client.force_login(world["assessor"])
    data = {"feedback": "Good work", "authentic": "on"}
    for c in assignment.criteria.all():
        data[f"achieved-{c.pk}"] = "yes" if c.code == "P1" else "no"
        data[f"feedback-{c.pk}"] = f"{c.code} comment"
    response = client.post(f"/assessment/submissions/{submission.pk}/decide/", data, follow=True)
    assert "Decision recorded" in response.content.decode()
    decision = services.latest_decision(submission)
    assert sorted(r.criterion.code for r in decision.results.filter(achieved=True)) == ["P1"]


def test_learner_hands_in_through_the_page(world, client, issued):
    client.force_login(world["learner"])
    page = client.get("/assessment/my-work/").content.decode()
    assert "Careers in sport" in page
    upload = SimpleUploadedFile("essay.pdf", b"%PDF-1.4 my essay", content_type="application/pdf")
    response = client.post(f"/assessment/my-work/{issued.pk}/hand-in/",
                           {"files": upload, "declaration": "on"}, follow=True)
    assert "Handed in" in response.content.decode()
    assert Submission.objects.filter(learner=world["learner"].learner).count() == 1


def test_hand_in_without_the_declaration_is_refused(world, client, issued):
    client.force_login(world["learner"])
    upload = SimpleUploadedFile("essay.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(f"/assessment/my-work/{issued.pk}/hand-in/", {"files": upload},
                           follow=True)
    assert "Tick the declaration to say the work is your own" in response.content.decode()
    assert not Submission.objects.exists()


def test_lead_iv_sees_resubmission_requests(world, client, assessed):
    submission, _ = assessed
    services.request_resubmission(actor=world["assessor"], submission=submission)
    client.force_login(world["lead_iv"])
    page = client.get("/assessment/resubmissions/").content.decode()
    assert str(submission.learner) in page and "Authorise" in page


def test_a_correction_through_the_page_keeps_the_old_decision(world, client, assessed):
    submission, first = assessed
    client.force_login(world["lead_iv"])
    data = {"feedback": "Re-marked after IV", "reason": "IV found P2 met on page 4"}
    for c in submission.assignment.criteria.all():
        data[f"achieved-{c.pk}"] = "yes" if c.code in ("P1", "P2") else "no"
    response = client.post(f"/assessment/submissions/{submission.pk}/correct/", data,
                           follow=True)
    assert "Correction recorded" in response.content.decode()
    latest = services.latest_decision(submission)
    assert latest.supersedes == first and latest.assessor == world["lead_iv"]
    assert first.results.filter(achieved=True).count() == 1


def test_assessor_agrees_an_extension_through_the_page(world, client, issued, assignment):
    client.force_login(world["assessor"])
    learner = world["learner"].learner
    response = client.post(f"/assessment/assignments/{assignment.pk}/extensions/",
                           {"learner": learner.pk, "new_deadline": "2026-11-20",
                            "reason": "Bereavement"}, follow=True)
    assert "Extension agreed" in response.content.decode()
    assert assignment.extensions.get().agreed_by == world["assessor"]
