"""Internal verification steps."""

from django.db import transaction

from assessment.models import Assignment
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError
from qmr.models import User
from qmr.roles import VERIFY
from verification.models import BriefVerification


@transaction.atomic
def verify_brief(*, actor: User, assignment: Assignment, outcome: str,
                 comments: str = "") -> BriefVerification:
    """An Internal Verifier (or the Lead IV) records whether the brief is fit for purpose."""
    programme = assignment.plan.programme
    if not permissions.can(actor, VERIFY, programme):
        raise permissions.PermissionDenied("Only an Internal Verifier of this programme "
                                           "verifies its briefs.")
    if outcome not in BriefVerification.Outcome.values:
        raise DomainError("Say whether the brief is fit for purpose.")
    if outcome == BriefVerification.Outcome.NOT_FIT and not comments.strip():
        raise DomainError("Say what needs to change in the brief.")
    if outcome == BriefVerification.Outcome.FIT and not assignment.tasks.strip():
        raise DomainError("The brief has no tasks written yet, so it cannot be fit for purpose.")
    with acting_as(actor):
        verification = BriefVerification.objects.create(assignment=assignment, verifier=actor,
                                                         outcome=outcome, comments=comments)
    record_event(verification, "verification.brief.verified", actor=actor,
                 centre=programme.centre, summary=str(verification))
    return verification
