"""Rules verification contributes to other apps."""

from assessment.models import Assignment, Decision
from qmr.errors import DomainError
from verification.models import BriefVerification, DecisionVerification, IVSample


def brief_verified(assignment: Assignment) -> None:
    """A brief is issued only after its latest internal verification found it fit."""
    latest = BriefVerification.objects.filter(assignment=assignment).first()
    if latest is None:
        raise DomainError(f"The brief '{assignment}' has not been internally verified yet: "
                          f"ask {assignment.internal_verifier} to verify it before issuing it.")
    if latest.outcome != BriefVerification.Outcome.FIT:
        raise DomainError(f"The brief '{assignment}' was found not fit for purpose at its "
                          f"last verification: make the changes and have it verified again.")


def sample_verified(decision: Decision) -> None:
    """Work chosen for the IV sample goes back to the learner only once it is verified."""
    sample = IVSample.objects.filter(submission_id=decision.submission_id).select_related(
        "verifier").first()
    if sample is None:
        return
    if not DecisionVerification.objects.filter(submission_id=decision.submission_id).exists():
        raise DomainError(f"This work is in the internal verification sample: it is returned "
                          f"to the learner once {sample.verifier} has verified it.")
    if DecisionVerification.objects.filter(decision=decision, agrees=False).exists():
        raise DomainError("The internal verifier found this decision not accurate: correct it "
                          "(giving the reason) before the result goes back to the learner.")
