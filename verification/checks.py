"""Rules verification contributes to other apps."""

from assessment.models import Assignment
from qmr.errors import DomainError
from verification.models import BriefVerification


def brief_verified(assignment: Assignment) -> None:
    """A brief is issued only after its latest internal verification found it fit."""
    latest = BriefVerification.objects.filter(assignment=assignment).first()
    if latest is None:
        raise DomainError(f"The brief '{assignment}' has not been internally verified yet: "
                          f"ask {assignment.internal_verifier} to verify it before issuing it.")
    if latest.outcome != BriefVerification.Outcome.FIT:
        raise DomainError(f"The brief '{assignment}' was found not fit for purpose at its "
                          f"last verification: make the changes and have it verified again.")
