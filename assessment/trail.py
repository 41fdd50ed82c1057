"""The learner trail's assessment section (see `qmr.review.trail`): briefs issued to the
learner's cohort, extensions, every submission with its declaration of authenticity, every
decision criterion by criterion (corrections included), releases, resubmissions and retakes.
A constant number of queries, however much work the learner has handed in."""

from django.db.models import Prefetch
from django.urls import reverse

from assessment.models import (
    BriefIssue,
    CriterionResult,
    Decision,
    Extension,
    Resubmission,
    Retake,
    Submission,
)
from qmr.review import trail
from qmr.review.trail import TrailEntry
from qmr.review.trail import day as _d


def _work_url(submission_id: int) -> str:
    return reverse("assessment:submission-detail", args=[submission_id])


def _issues(learner_id: int) -> list[TrailEntry]:
    rows = BriefIssue.objects.filter(cohort__learners__id=learner_id).select_related(
        "assignment", "cohort", "issued_by")
    return [TrailEntry(i.issued_at, "Brief issued",
                       f"“{i.assignment}” handed out to {i.cohort} by {i.issued_by}, deadline "
                       f"{_d(i.deadline)}.",
                       reverse("assessment:assignment-detail", args=[i.assignment_id]))
            for i in rows]


def _extensions(learner_id: int) -> list[TrailEntry]:
    rows = Extension.objects.filter(learner_id=learner_id).select_related("assignment",
                                                                          "agreed_by")
    return [TrailEntry(e.agreed_at, "Extension",
                       f"Deadline for “{e.assignment}” extended to {_d(e.new_deadline)} by "
                       f"{e.agreed_by}.",
                       reverse("assessment:assignment-detail", args=[e.assignment_id]),
                       [f"Reason: {e.reason}"])
            for e in rows]


def _submissions(learner_id: int) -> list[TrailEntry]:
    rows = Submission.objects.filter(learner_id=learner_id).select_related(
        "assignment", "submitted_by", "learner").prefetch_related("files")
    out = []
    for s in rows:
        files = list(s.files.all())
        details = [f"Declaration that the work is the learner's own signed and dated "
                   f"{_d(s.declaration_signed_at)}.",
                   f"Deadline {_d(s.deadline)}: " + ("handed in late." if s.late else
                                                     "handed in on time."),
                   f"{len(files)} file{'s' if len(files) != 1 else ''}: "
                   + (", ".join(f.name for f in files) or "none")]
        if s.ai_tools_used:
            details.append(f"AI tools acknowledged: {s.ai_tools_used}")
        out.append(TrailEntry(s.submitted_at, "Submission",
                              f"{s.get_attempt_display()} of “{s.assignment}” handed in"
                              + (f" (recorded by {s.submitted_by})"
                                 if s.submitted_by_id != s.learner.user_id else "")
                              + ", with the learner's signed declaration of authenticity.",
                              _work_url(s.pk), details))
    return out


BANDS = {"P": 0, "M": 1, "D": 2}


def _decision(d: Decision) -> TrailEntry:
    # Pass, Merit, Distinction, in the order entered: as the specification lists them.
    results = sorted(d.results.all(), key=lambda r: (BANDS.get(r.criterion.band, 3),
                                                     r.criterion_id))
    met = [r.criterion.code for r in results if r.achieved]
    not_yet = [r.criterion.code for r in results if not r.achieved]
    said = "; ".join(part for part in [
        f"achieved {', '.join(met)}" if met else "", f"not yet {', '.join(not_yet)}"
        if not_yet else ""] if part) or "no criteria recorded"
    details = [f"{r.criterion.code}: {'achieved' if r.achieved else 'not yet achieved'}"
               + (f" ({r.feedback})" if r.feedback else "") for r in results]
    details.append("Assessor confirmed the work is the learner's own." if d.authentic else
                   "Assessor did NOT confirm the work is the learner's own.")
    if d.supersedes_id:
        details.insert(0, f"Reason for the correction: {d.correction_reason}")
    kind = "Corrected decision" if d.supersedes_id else "Assessment decision"
    return TrailEntry(d.decided_at, kind, f"“{d.submission.assignment}” "
                      f"({d.submission.get_attempt_display().lower()}) assessed by "
                      f"{d.assessor}: {said}.", _work_url(d.submission_id), details)


def _decisions(learner_id: int) -> list[TrailEntry]:
    results = CriterionResult.objects.select_related("criterion")
    rows = Decision.objects.filter(submission__learner_id=learner_id).select_related(
        "submission__assignment", "assessor", "supersedes").prefetch_related(
        Prefetch("results", queryset=results)).order_by("decided_at", "pk")
    out = []
    for d in rows:
        out.append(_decision(d))
        first = d.supersedes if d.supersedes_id else None
        if d.released_at and (first is None or first.released_at != d.released_at):
            out.append(TrailEntry(d.released_at, "Result released",
                                  f"Result of “{d.submission.assignment}” released to the "
                                  f"learner.", _work_url(d.submission_id)))
        if d.received_on and (first is None or first.received_on != d.received_on):
            out.append(TrailEntry(d.received_on, "Result received",
                                  f"The learner received the result of "
                                  f"“{d.submission.assignment}”.", _work_url(d.submission_id)))
    return out


def _second_chances(learner_id: int) -> list[TrailEntry]:
    out = []
    for r in Resubmission.objects.filter(submission__learner_id=learner_id).select_related(
            "submission__assignment", "requested_by", "decided_by"):
        url = _work_url(r.submission_id)
        out.append(TrailEntry(r.requested_at, "Resubmission requested",
                              f"Resubmission of “{r.submission.assignment}” asked of the Lead "
                              f"IV by {r.requested_by}.", url))
        if r.decided_at:
            until = f", to be handed in by {_d(r.deadline)}" if r.deadline else ""
            out.append(TrailEntry(r.decided_at, "Resubmission decided",
                                  f"Resubmission {r.get_status_display().lower()} by "
                                  f"{r.decided_by}{until}.", url,
                                  [f"Reason: {r.reason}"] if r.reason else []))
    for t in Retake.objects.filter(submission__learner_id=learner_id).select_related(
            "submission__assignment", "authorised_by"):
        out.append(TrailEntry(t.authorised_at, "Retake authorised",
                              f"Retake of “{t.submission.assignment}” authorised by "
                              f"{t.authorised_by}.", _work_url(t.submission_id)))
    return out


@trail.register("assessment.work")
def work(learner_id: int) -> list[TrailEntry]:
    """Eight queries: issues, extensions, submissions (+ files), decisions (+ results),
    resubmissions, retakes."""
    return [*_issues(learner_id), *_extensions(learner_id), *_submissions(learner_id),
            *_decisions(learner_id), *_second_chances(learner_id)]
