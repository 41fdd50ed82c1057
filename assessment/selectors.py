"""Read queries for assessment pages. Who may read assessment (feedback, decisions) is decided
here once: the assignment's assessor, the programme's verifiers and leader, and the centre's
senior roles. The Exams Officer registers learners but does not read their feedback."""

from contextlib import suppress
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from assessment.models import (
    AssessmentPlan,
    Assignment,
    BriefIssue,
    CriterionResult,
    Decision,
    EvidenceFile,
    Resubmission,
    Submission,
)
from assessment.policy import policy_for
from qmr import permissions
from qmr.calendar import WorkingDays
from qmr.errors import DomainError
from qmr.roles import ASSESS, ASSESSMENT_READERS, LEAD_VERIFY
from registrations.models import Criterion, Learner

READERS = ASSESSMENT_READERS
# Plans and briefs are also open to the programme's assessors; learners' work is not.
PLAN_READERS = (*READERS, ASSESS)


def _readable(user: Any, qs: QuerySet, assessor_path: str | None = None,
              perms: tuple = READERS) -> QuerySet:
    """Rows of `qs` the person may read as assessment records."""
    result = qs.none()
    for perm in perms:
        result = result | permissions.visible(user, perm, qs)
    if assessor_path:
        result = result | qs.filter(**{assessor_path: user.pk})
    return result


def plans_for_user(user: Any) -> QuerySet[AssessmentPlan]:
    return _readable(user, AssessmentPlan.objects.all(), perms=PLAN_READERS).select_related(
        "programme", "academic_year", "signed_off_by").annotate(
        assignment_count=Count("assignments")).order_by("programme__title", "-version")


def get_plan_for_user(user: Any, pk: int) -> AssessmentPlan:
    plan = _readable(user, AssessmentPlan.objects.select_related(
        "programme__centre", "academic_year", "signed_off_by"), perms=PLAN_READERS).filter(
        pk=pk).first()
    if plan is None:
        raise Http404("No such assessment plan.")
    return plan


def plan_detail(plan: AssessmentPlan) -> dict:
    """Assignments with their criteria, and per unit the criteria no assignment targets."""
    assignments = list(plan.assignments.select_related("assessor", "internal_verifier")
                       .prefetch_related("criteria__unit"))
    targeted = {c.pk for a in assignments for c in a.criteria.all()}
    units = list(plan.programme.units.filter(externally_assessed=False)
                 .prefetch_related("criteria"))
    gaps = [(u, [c for c in u.criteria.all() if c.pk not in targeted]) for u in units]
    return {"assignments": assignments, "gaps": [(u, g) for u, g in gaps if g],
            "units": units}


def get_assignment_for_user(user: Any, pk: int) -> Assignment:
    assignment = _readable(user, Assignment.objects.select_related(
        "plan__programme__centre", "plan__academic_year", "assessor", "internal_verifier"),
        "assessor_id", perms=PLAN_READERS).filter(pk=pk).first()
    if assignment is None:
        raise Http404("No such assignment.")
    return assignment


def assignment_detail(assignment: Assignment) -> dict:
    return {
        "criteria": list(assignment.criteria.select_related("unit")),
        "verifications": list(assignment.brief_verifications.select_related("verifier")),
        "issues": list(assignment.issues.select_related("cohort", "issued_by")),
        "submissions": list(assignment.submissions.select_related("learner")
                            .annotate(decided=Count("decisions")).order_by("learner__last_name")),
        "cohorts": list(assignment.plan.programme.cohorts.filter(
            academic_year=assignment.plan.academic_year).exclude(
            brief_issues__assignment=assignment)),
    }


def get_submission_for_user(user: Any, pk: int) -> Submission:
    """The assessor of the assignment, readers of the programme, or the learner themself."""
    qs = Submission.objects.select_related(
        "learner__centre", "learner__user", "assignment__plan__programme", "assignment__assessor",
        "submitted_by")
    submission = _readable(user, qs, "assignment__assessor_id").filter(pk=pk).first()
    if submission is None:
        submission = qs.filter(pk=pk, learner__user=user).first()
    if submission is None:
        raise Http404("No such submission.")
    return submission


def submission_detail(submission: Submission) -> dict:
    decisions = list(submission.decisions.select_related("assessor").prefetch_related(
        Prefetch("results", queryset=CriterionResult.objects.select_related("criterion"))))
    return {
        "files": list(submission.files.all()),
        "decisions": decisions,
        "latest": next((d for d in decisions if not hasattr(d, "superseded_by")), None)
        if decisions else None,
        "criteria": list(submission.assignment.criteria.all()),
        "resubmission": Resubmission.objects.filter(submission=submission)
        .select_related("decided_by").first(),
    }


def get_evidence_file_for_user(user: Any, pk: int) -> EvidenceFile:
    evidence = EvidenceFile.objects.select_related("submission").filter(pk=pk).first()
    if evidence is None:
        raise Http404("No such file.")
    get_submission_for_user(user, evidence.submission_id)  # 404 unless they may see it
    return evidence


def assessor_work(user: Any) -> dict:
    """An assessor's assignments and the work waiting for their decision."""
    undecided = ~Exists(Decision.objects.filter(submission=OuterRef("pk")))
    return {
        "assignments": list(Assignment.objects.filter(assessor=user).select_related(
            "plan__programme").annotate(
            handed_in=Count("submissions", distinct=True)).order_by("deadline")),
        "waiting": list(Submission.objects.filter(assignment__assessor=user).filter(undecided)
                        .select_related("learner", "assignment").order_by("submitted_at")),
    }


def learner_work(user: Any) -> dict:
    """A learner's issued assignments with deadlines, their submissions and released results."""
    learner = Learner.objects.filter(user=user).select_related("cohort").first()
    if learner is None:
        raise Http404("You have no learner record here.")
    issues = list(BriefIssue.objects.filter(cohort_id=learner.cohort_id).select_related(
        "assignment").prefetch_related("assignment__criteria").order_by("deadline"))
    submissions = list(Submission.objects.filter(learner=learner).prefetch_related(
        Prefetch("decisions", queryset=Decision.objects.filter(
            superseded_by__isnull=True, released_at__isnull=False).prefetch_related(
            Prefetch("results", queryset=CriterionResult.objects.select_related("criterion"))),
            to_attr="released")).select_related("resubmission"))
    by_assignment: dict[int, list] = {}
    for s in submissions:
        by_assignment.setdefault(s.assignment_id, []).append(s)
    return {"learner": learner,
            "rows": [(i, by_assignment.get(i.assignment_id, [])) for i in issues]}


def resubmissions_to_decide(user: Any) -> list[Resubmission]:
    """Requests waiting for the Lead IV, each with the day the learner received the result and
    the last deadline the rules allow (one calendar per centre, so the count stays constant)."""
    rows = list(permissions.visible(user, LEAD_VERIFY, Resubmission.objects.filter(
        status=Resubmission.Status.REQUESTED)).select_related(
        "submission__learner__centre", "submission__assignment__plan__academic_year",
        "requested_by").prefetch_related(Prefetch(
            "submission__decisions", queryset=Decision.objects.filter(superseded_by__isnull=True),
            to_attr="current")))
    calendars: dict[int, tuple] = {}
    for r in rows:
        centre = r.submission.learner.centre
        if centre.pk not in calendars:
            calendars[centre.pk] = (WorkingDays(centre),
                                    policy_for(centre).resubmission_working_days)
        calendar, days = calendars[centre.pk]
        decision = r.submission.current[0] if r.submission.current else None
        r.received_on = decision.received_on if decision else None
        r.latest_deadline = None
        # When the terms run out no date shows; the refusal on authorising says why.
        with suppress(DomainError):
            if r.received_on:
                r.latest_deadline = min(calendar.add(r.received_on, days),
                                        r.submission.assignment.plan.academic_year.ends_on)
    return rows


def get_resubmission_for_user(user: Any, pk: int) -> Resubmission:
    request = _readable(user, Resubmission.objects.select_related(
        "submission__assignment__plan__programme", "submission__learner__centre"),
        "submission__assignment__assessor_id").filter(pk=pk).first()
    if request is None:
        raise Http404("No such resubmission request.")
    return request


def criteria_by_pk(pks: list[int]) -> dict[int, Criterion]:
    return Criterion.objects.in_bulk(pks)



def issue_for_learner(learner: Learner | None, pk: int) -> BriefIssue:
    """A brief issued to the learner's own cohort; 404 for anything else."""
    issue = None if learner is None else BriefIssue.objects.select_related(
        "assignment__plan__programme").filter(pk=pk, cohort_id=learner.cohort_id).first()
    if issue is None:
        raise Http404("No such assignment for you.")
    return issue
