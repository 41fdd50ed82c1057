"""Rules other apps ask of registrations (assessment asks before recording a decision)."""

from qmr.errors import DomainError
from registrations.models import Learner, LearnerStatus, Programme


def require_registered(learner: Learner, programme: Programme) -> None:
    """Raise DomainError unless the learner is registered on this programme."""
    if learner.programme_id != programme.pk:
        raise DomainError(f"{learner} is not a learner of {programme}.")
    if learner.status != LearnerStatus.REGISTERED:
        raise DomainError(
            f"{learner} is not registered with the awarding body on {programme} "
            f"({learner.get_status_display().lower()}), so no assessment decision can be "
            f"recorded yet. Ask the Exams Officer to register them first."
        )
