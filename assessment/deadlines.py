"""Assessment deadlines, for the deadline engine (`qmr.deadlines`): hand-in deadlines of
issued briefs and authorised resubmissions, each owned by the assignment's assessor.

Only plans of an academic year that has not ended count: work not handed in by then is no
longer a deadline to chase but a gap the tracking grid shows."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format

from assessment.models import Attempt, BriefIssue, Extension, Resubmission, Submission
from qmr.deadlines import registry
from qmr.deadlines.registry import Due
from registrations.models import LearnerStatus

# Who still hands work in: the learners `submit_evidence` accepts work from.
ACTIVE = (LearnerStatus.ENROLLED, LearnerStatus.REGISTERED)


@registry.register("assessment.assignment")
def assignment(centre, today: date) -> Iterator[Due]:
    """Issued briefs while a learner of the cohort has not handed in: one deadline per issue
    at the brief's date, and one per extended date for learners with an extension (three
    queries: the issues' learners, first submissions, extensions)."""
    rows = list(BriefIssue.objects.filter(
        assignment__plan__programme__centre=centre,
        assignment__plan__academic_year__ends_on__gte=today,
        cohort__learners__status__in=ACTIVE,
    ).values("pk", "deadline", "assignment_id", "assignment__title", "assignment__assessor_id",
             "cohort__name", "cohort__learners__pk"))
    assignments = {row["assignment_id"] for row in rows}
    handed_in = set(Submission.objects.filter(
        assignment_id__in=assignments, attempt=Attempt.FIRST).values_list(
        "assignment_id", "learner_id")) if rows else set()
    extended = {(a, lr): d for a, lr, d in Extension.objects.filter(
        assignment_id__in=assignments).values_list(
        "assignment_id", "learner_id", "new_deadline")} if rows else {}
    groups: dict[tuple[int, date], list[dict]] = defaultdict(list)
    for row in rows:
        learner = (row["assignment_id"], row["cohort__learners__pk"])
        if learner not in handed_in:
            groups[row["pk"], extended.get(learner, row["deadline"])].append(row)
    for (issue_id, due_on), group in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        first = group[0]
        n = len(group)
        waiting = f"{n} learner{'' if n == 1 else 's'}"
        if due_on == first["deadline"]:
            key, rule = f"assessment.assignment:{issue_id}", "The brief's hand-in deadline."
        else:
            key = f"assessment.assignment:{issue_id}:{due_on.isoformat()}"
            rule = "The hand-in deadline of an extension agreed for the learner."
        yield Due(key, f"Hand-in deadline: {first['assignment__title']} ({first['cohort__name']})"
                       f" — {waiting} still to hand in", due_on,
                  first["assignment__assessor_id"],
                  reverse("assessment:assignment-detail", args=[first["assignment_id"]]), rule)


RESUBMITTED = Submission.objects.filter(assignment_id=OuterRef("submission__assignment_id"),
                                        learner_id=OuterRef("submission__learner_id"),
                                        attempt=Attempt.RESUBMISSION)


@registry.register("assessment.resubmission")
def resubmission(centre, today: date) -> Iterator[Due]:
    """Authorised resubmissions not yet handed in, by the deadline the Lead IV set (one
    query)."""
    requests = Resubmission.objects.filter(
        status=Resubmission.Status.AUTHORISED,
        submission__assignment__plan__programme__centre=centre,
        submission__assignment__plan__academic_year__ends_on__gte=today,
        submission__learner__status__in=ACTIVE,
    ).exclude(Exists(RESUBMITTED)).select_related("submission__learner",
                                                  "submission__assignment")
    for request in requests:
        work = request.submission
        yield Due(f"assessment.resubmission:{request.pk}",
                  f"Resubmission of {work.assignment} by {work.learner} due "
                  f"{date_format(request.deadline, 'j F Y')}", request.deadline,
                  work.assignment.assessor_id,
                  reverse("assessment:submission-detail", args=[work.pk]),
                  "The deadline the Lead IV set when authorising the resubmission, within the "
                  "centre's term-time working days of the learner receiving the result.")
