"""The decision IV's declaration and signatures: the IV declares, the assessor of the work
acknowledges the feedback, the Lead IV countersigns a disagreement or a remedial action.
Resubmissions are verified like first submissions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment import services as assessment
from assessment.models import Attempt
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.roles import Role
from tests.assessment.conftest import all_results, hand_in, upload
from tests.conftest import appoint
from tests.factories import LearnerFactory
from verification import services, signatures
from verification.models import DecisionVerification

pytestmark = pytest.mark.django_db

GOOD = services.Feedback(authenticity_confirmed=True, links_to_criteria=True,
                         justifies_awards=True, avoids_improvement_actions=True)


def verify(world, submission, actor="iv", wrong=(), declared=True):
    decision = submission.decisions.get(superseded_by__isnull=True)
    return services.verify_decision(
        actor=world[actor], submission=submission, feedback=GOOD, declared=declared,
        checks={r.criterion_id: (r.criterion.code not in wrong, "") for r in
                decision.results.select_related("criterion")},
        comments="P2 is not met." if wrong else "")


def test_the_iv_declares_they_checked_the_decisions(world, assessed):
    submission, _ = assessed
    with pytest.raises(DomainError, match="Tick the declaration"):
        verify(world, submission, declared=False)
    assert not DecisionVerification.objects.exists()
    assert verify(world, submission).declared


def test_only_the_assessor_of_the_work_acknowledges_the_feedback_once(world, assessed):
    submission, _ = assessed
    verification = verify(world, submission)
    assert not verification.countersignature_needed
    for other in ("iv", "lead_iv", "leader"):
        with pytest.raises(PermissionDenied, match="Only the work's assessor"):
            signatures.sign_decision_verification(actor=world[other], verification=verification)
    verification.refresh_from_db()
    assert verification.assessor_signed_at is None
    signatures.sign_decision_verification(actor=world["assessor"], verification=verification)
    verification.refresh_from_db()
    assert verification.assessor_signed_by == world["assessor"]
    with pytest.raises(TransitionNotAllowed):
        signatures.sign_decision_verification(actor=world["assessor"], verification=verification)


def test_a_disagreement_is_countersigned_by_the_lead_iv(world, assessed):
    submission, _ = assessed
    verification = verify(world, submission, wrong=("P2",))
    assert verification.countersignature_needed
    with pytest.raises(PermissionDenied):
        signatures.countersign_decision_verification(actor=world["iv"],
                                                     verification=verification)
    with pytest.raises(PermissionDenied):
        signatures.countersign_decision_verification(actor=world["assessor"],
                                                     verification=verification)
    verification.refresh_from_db()
    assert verification.countersigned_at is None
    signatures.countersign_decision_verification(actor=world["lead_iv"],
                                                 verification=verification)
    verification.refresh_from_db()
    assert verification.countersigned_by == world["lead_iv"]


def test_an_agreement_needs_no_countersignature_until_an_action_is_raised(world, assessed):
    submission, _ = assessed
    verification = verify(world, submission)
    with pytest.raises(DomainError, match="does not need the Lead IV's countersignature"):
        signatures.countersign_decision_verification(actor=world["lead_iv"],
                                                     verification=verification)
    services.raise_remedial_action(actor=world["iv"], verification=verification,
                                   kind="training", description="Feedback names the pages",
                                   due_on=date.today() + timedelta(days=14))
    verification.refresh_from_db()
    assert verification.countersignature_needed
    signatures.countersign_decision_verification(actor=world["lead_iv"],
                                                 verification=verification)


def test_the_lead_iv_does_not_countersign_their_own_verification(world, assessed):
    submission, _ = assessed
    verification = verify(world, submission, actor="lead_iv", wrong=("P2",))
    assert not verification.countersignature_needed
    second_lead = appoint(world.centre, "lead2@a.example", Role.LEAD_IV, world.subject_area)
    verification.countersignature_needed = True  # e.g. verified before becoming Lead IV
    verification.save(update_fields=["countersignature_needed"])
    with pytest.raises(DomainError, match="You recorded this verification"):
        signatures.countersign_decision_verification(actor=world["lead_iv"],
                                                     verification=verification)
    signatures.countersign_decision_verification(actor=second_lead, verification=verification)


def _resubmitted(world, assignment):
    """First work assessed and returned, the one resubmission authorised, handed in and
    assessed (not returned yet)."""
    first = hand_in(world, assignment)
    decision = assessment.record_decision(actor=world["assessor"], submission=first,
                                          results=all_results(assignment), feedback="ok",
                                          authentic=True, can_improve_without_guidance=True)
    assessment.release_result(actor=world["assessor"], decision=decision)
    assessment.confirm_received(actor=world["learner"], decision=decision,
                                on=date(2026, 11, 23))
    request = assessment.request_resubmission(actor=world["assessor"], submission=first)
    assessment.authorise_resubmission(actor=world["lead_iv"], request=request,
                                      deadline=date(2026, 12, 7))
    again = assessment.submit_evidence(actor=world["assessor"], assignment=assignment,
                                       learner=first.learner, files=upload(), declaration=True,
                                       attempt=Attempt.RESUBMISSION)
    decision = assessment.record_decision(actor=world["assessor"], submission=again,
                                          results=all_results(assignment, ("P1", "P2")),
                                          feedback="P2 now met.", authentic=True)
    return again, decision


def test_a_resubmission_is_sampled_and_verified_like_a_first_submission(world, issued,
                                                                        assignment):
    again, decision = _resubmitted(world, assignment)
    services.choose_for_sample(actor=world["lead_iv"], submission=again, verifier=world["iv"],
                               due_on=date.today())
    with pytest.raises(DomainError, match="in the internal verification sample"):
        assessment.release_result(actor=world["assessor"], decision=decision)
    appoint(world.centre, world["assessor"].email, Role.INTERNAL_VERIFIER, world.programme)
    with pytest.raises(DomainError, match="You assessed this work"):
        verify(world, again, actor="assessor")
    verification = verify(world, again, wrong=("P2",))
    assert verification.decision == decision and verification.countersignature_needed
    with pytest.raises(DomainError, match="not accurate: correct it"):
        assessment.release_result(actor=world["assessor"], decision=decision)
    signatures.sign_decision_verification(actor=world["assessor"], verification=verification)
    corrected = assessment.correct_decision(
        actor=world["assessor"], decision=decision, reason="IV: P2 still not met",
        results=all_results(assignment, ("P1",)), feedback="P2 is not met yet.")
    assessment.release_result(actor=world["assessor"], decision=corrected)
    assert again.attempt == Attempt.RESUBMISSION and corrected.released_at


def test_the_assessor_reads_and_signs_the_record_on_its_page(world, client, assessed):
    submission, _ = assessed
    verification = verify(world, submission, wrong=("P2",))
    client.force_login(world["assessor"])
    page = client.get(f"/verification/verifications/{verification.pk}/").content.decode()
    assert "waiting</span> for Assessor to acknowledge the feedback" in page
    assert "Sign: I have read the feedback" in page and "Countersign" not in page
    home = client.get("/").content.decode()
    assert "Read and sign the verification of" in home
    response = client.post(f"/verification/verifications/{verification.pk}/sign/", follow=True)
    page = response.content.decode()
    assert "You signed to acknowledge" in page and "Sign: I have read" not in page
    client.force_login(world["lead_iv"])
    assert "Countersign the verification of" in client.get("/").content.decode()
    client.post(f"/verification/verifications/{verification.pk}/countersign/")
    verification.refresh_from_db()
    assert verification.countersigned_by == world["lead_iv"]
    assert "Countersign the verification of" not in client.get("/").content.decode()


def test_the_learner_never_opens_the_iv_record(world, client, assessed):
    submission, _ = assessed
    verification = verify(world, submission)
    client.force_login(world["learner"])
    assert client.get(f"/verification/verifications/{verification.pk}/").status_code == 404


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def _grow(world, cohort, assignment, n, start):
    for i in range(n):
        learner = LearnerFactory(programme=world.programme, cohort=cohort, status="registered",
                                 centre_ref=f"S{start + i:05d}",
                                 registration_number=f"SR{start + i:06d}")
        work = hand_in(world, assignment, learner=learner)
        assessment.record_decision(actor=world["assessor"], submission=work,
                                   results=all_results(assignment), feedback="ok",
                                   authentic=True)
        verify(world, work, wrong=("P2",))


@pytest.mark.parametrize("persona,path", [("assessor", "/"), ("lead_iv", "/"),
                                          ("iv", "/verification/mine/")])
def test_signature_lists_do_not_grow(world, client, cohort, issued, assignment, persona, path):
    _grow(world, cohort, assignment, 2, 0)
    client.force_login(world[persona])
    small = _count(client, path)
    _grow(world, cohort, assignment, 10, 100)
    assert _count(client, path) == small
