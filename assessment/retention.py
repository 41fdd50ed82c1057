"""Assessment's retention rules (see `qmr.retention.registry`), both running from the
learner's certification (`registrations.retention.certified_on`):

- Assessment records (the submission with its declaration, the decisions, the criteria
  achieved): three years after certification. Disposal blanks the free text that carries
  personal details (the learner's note of AI tools, the assessor's feedback) here and in the
  history, and keeps what certification rests on: which criteria were achieved, by whom, when.
- Learner work (the hand-in files): twelve weeks after the certificates are issued. Disposal
  deletes the file."""

from typing import Any

from dateutil.relativedelta import relativedelta

from assessment.models import CriterionResult, Decision, EvidenceFile, Submission
from qmr.retention import disposal, registry
from qmr.retention.registry import START, Rule
from registrations.retention import THREE_YEARS, certified_on, not_certified


def _submission_of(instance: Any) -> Submission:
    if isinstance(instance, Submission):
        return instance
    if isinstance(instance, Decision):
        return instance.submission
    return instance.decision.submission


def _dispose_record(submission: Submission) -> str:
    decisions = Decision.objects.filter(submission=submission)
    disposal.blank(Submission.objects.filter(pk=submission.pk), ("ai_tools_used",))
    n = disposal.blank(decisions, ("feedback", "correction_reason"))
    disposal.blank(CriterionResult.objects.filter(decision__in=decisions), ("feedback",))
    return (f"The learner's note of AI tools used and the assessor's feedback on {n} "
            f"decision{'s' if n != 1 else ''}; the criteria achieved, who decided and when "
            f"are kept.")


def _year(submission: Submission) -> str:
    return str(submission.assignment.plan.academic_year)


KEPT = "Assessment records are kept until three years after certification"
registry.register(Rule(
    kind="assessment.records", label="Assessment records", model=Submission,
    guarded=(Submission, Decision, CriterionResult), owner=_submission_of,
    centre="assignment__plan__programme__centre",
    starts=lambda qs: qs.annotate(**{START: certified_on("learner")}), period=THREE_YEARS,
    kept=KEPT, not_started=not_certified(KEPT),
    why="The awarding body may sample any certificated learner's assessment records until "
        "three years after certification.",
    dispose=_dispose_record, related=("assignment__plan__academic_year",),
    describe=lambda s: f"Assessment record #{s.pk}, {s.assignment.title}, {_year(s)}"))

WORK_KEPT = "Learner work is kept until twelve weeks after the certificates are issued"
registry.register(Rule(
    kind="assessment.learner_work", label="Learner work", model=EvidenceFile,
    guarded=(EvidenceFile,), centre="submission__assignment__plan__programme__centre",
    starts=lambda qs: qs.annotate(**{START: certified_on("submission__learner")}),
    period=relativedelta(weeks=12), kept=WORK_KEPT, not_started=not_certified(WORK_KEPT),
    why="Learners' work is kept until the time for appeals and the awarding body's checks "
        "has passed: twelve weeks after certification.",
    dispose=lambda f: disposal.delete_with_files(f, "The hand-in file"),
    related=("submission__assignment__plan__academic_year",),
    describe=lambda f: f"Hand-in file #{f.pk} of assessment record #{f.submission_id}, "
                       f"{f.submission.assignment.title}, {_year(f.submission)}"))
