"""Rules verification contributes to other apps."""

from django.utils import timezone

from assessment.models import Assignment, Decision
from qmr.errors import DomainError
from verification import briefs
from verification.models import BriefVerification, DecisionVerification, IVSample


def brief_problem(assignment: Assignment,
                  records: list[BriefVerification] | None = None) -> str | None:
    """What stops the brief being issued, in words, or None when it is approved: its latest
    verification found it fit, for the year and dates it is planned with now, and no action
    set this year is outstanding. The one place this is decided (`records`: the brief's
    verifications, when the caller has them already)."""
    records = briefs.verifications_of(assignment) if records is None else records
    if not records:
        return (f"The brief '{assignment}' has not been internally verified yet: ask "
                f"{assignment.internal_verifier} to verify it before issuing it.")
    latest = records[0]
    when = f"{timezone.localtime(latest.verified_at):%-d %B %Y}"
    if latest.outcome != BriefVerification.Outcome.FIT:
        return (f"The brief '{assignment}' was found not fit for purpose at its last "
                f"verification ({when}): make the changes and have it verified again.")
    year = assignment.plan.academic_year
    if latest.academic_year_id != year.pk:
        return (f"The brief '{assignment}' was verified for {latest.academic_year}, not "
                f"{year}: an internal verifier must re-check it, its dates especially, "
                f"before it is issued again.")
    changed = [name for name, then, now in (
        ("hand-out date", latest.hand_out_on, assignment.hand_out_on),
        ("deadline", latest.deadline, assignment.deadline)) if then != now]
    if changed:
        return (f"The brief's {' and '.join(changed)} changed after it was verified on {when}: "
                f"an internal verifier must re-check it before it is issued.")
    outstanding = [a for v in records if v.academic_year_id == year.pk
                   for a in v.actions.all() if a.completed_on is None]
    if outstanding:
        first = min(outstanding, key=lambda a: a.due_on)
        return (f"An action on the brief '{assignment}' is not done yet: “{first.description}” "
                f"(due {first.due_on:%-d %B %Y}). Record it as done before the brief is "
                f"issued.")
    return None


def brief_verified(assignment: Assignment) -> None:
    """The issue check: only an approved brief is issued."""
    problem = brief_problem(assignment)
    if problem:
        raise DomainError(problem)


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
