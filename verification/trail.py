"""The learner trail's verification section (see `qmr.review.trail`): the IV of each brief the
learner worked to, their work chosen for the IV sample, the IV of the decisions on it
(criterion by criterion, with signatures and remedial actions), and the standards
verification samples they were in. A constant number of queries."""

from django.db.models import Prefetch, Q
from django.urls import reverse

from assessment.trail import BANDS
from qmr.review import trail
from qmr.review.trail import TrailEntry
from qmr.review.trail import day as _d
from verification.models import (
    BriefVerification,
    CriterionCheck,
    DecisionVerification,
    IVSample,
    RemedialAction,
)
from verification.standards.models import SampleRound


def _signatures(v, who: str) -> list[str]:
    """The assessor's acknowledgement and the Lead IV's countersignature, in words."""
    lines = [f"{who} signed to acknowledge it on {_d(v.assessor_signed_at)} "
             f"({v.assessor_signed_by})." if v.assessor_signed_at else
             f"{who} has not signed to acknowledge it."]
    if v.countersignature_needed:
        lines.append(f"Countersigned by the Lead IV {v.countersigned_by} on "
                     f"{_d(v.countersigned_at)}." if v.countersigned_at else
                     "Needs the Lead IV's countersignature: not yet given.")
    return lines


def _briefs(learner_id: int) -> list[TrailEntry]:
    rows = BriefVerification.objects.filter(
        Q(assignment__submissions__learner_id=learner_id)
        | Q(assignment__issues__cohort__learners__id=learner_id)).distinct().select_related(
        "assignment", "verifier", "assessor_signed_by", "countersigned_by").prefetch_related(
        "actions")
    out = []
    for v in rows:
        actions = list(v.actions.all())
        details = _signatures(v, "The assessor")
        details += [f"Action: {a} — " + (f"done {_d(a.completed_on)}" if a.completed_on
                                         else "not done yet") for a in actions]
        if v.comments:
            details.append(f"Comments: {v.comments}")
        out.append(TrailEntry(v.verified_at, "IV of the brief",
                              f"Brief “{v.assignment}” internally verified by {v.verifier}: "
                              f"{v.get_outcome_display().lower()}.",
                              reverse("verification:brief-iv", args=[v.assignment_id]),
                              details))
    return out


def _samples(learner_id: int) -> list[TrailEntry]:
    rows = IVSample.objects.filter(submission__learner_id=learner_id).select_related(
        "submission__assignment", "verifier", "chosen_by")
    return [TrailEntry(s.chosen_at, "IV sample",
                       f"Work on “{s.submission.assignment}” chosen for the internal "
                       f"verification sample by {s.chosen_by}, to be verified by {s.verifier} "
                       f"by {_d(s.due_on)}.",
                       reverse("assessment:submission-detail", args=[s.submission_id]))
            for s in rows]


def _decisions(learner_id: int) -> list[TrailEntry]:
    checks = CriterionCheck.objects.select_related("criterion")
    actions = RemedialAction.objects.select_related("closed_by")
    rows = DecisionVerification.objects.filter(submission__learner_id=learner_id).select_related(
        "submission__assignment", "verifier", "assessor_signed_by",
        "countersigned_by").prefetch_related(Prefetch("checks", queryset=checks),
                                             Prefetch("actions", queryset=actions))
    out = []
    for v in rows:
        # Pass, Merit, Distinction, in the order entered: as the specification lists them.
        checked = sorted(v.checks.all(), key=lambda c: (BANDS.get(c.criterion.band, 3),
                                                        c.criterion_id))
        wrong = [c.criterion.code for c in checked if not c.accurate]
        verdict = ("agrees with every decision checked" if v.agrees else
                   f"does not agree ({', '.join(wrong) or 'see comments'})")
        details = [f"{c.criterion.code}: {'accurate' if c.accurate else 'not accurate'}"
                   + (f" ({c.comment})" if c.comment else "") for c in checked]
        details.append("Authenticity confirmed by learner and assessor." if
                       v.authenticity_confirmed else "Authenticity NOT confirmed.")
        if v.collusion_or_plagiarism:
            details.append("Collusion or plagiarism suspected.")
        details.append("The IV declared they checked the decisions against the criteria and "
                       "the evidence." if v.declared else "No IV declaration.")
        details += _signatures(v, "The assessor")
        details += [f"Remedial action: {a} — " + (f"closed {_d(a.closed_at)} by {a.closed_by}"
                                                  if a.closed_at else "open")
                    for a in v.actions.all()]
        if v.comments:
            details.append(f"Comments: {v.comments}")
        out.append(TrailEntry(v.verified_at, "IV of the decision",
                              f"Decision on “{v.submission.assignment}” internally verified by "
                              f"{v.verifier}, who {verdict}.",
                              reverse("verification:decision-iv", args=[v.pk]), details))
    return out


def _standards(learner_id: int) -> list[TrailEntry]:
    rows = SampleRound.objects.filter(learners__id=learner_id).select_related(
        "standards_verification__programme", "standards_verification__academic_year")
    out = []
    for r in rows:
        sv = r.standards_verification
        url = reverse("verification:sv-programme", args=[sv.programme_id])
        out.append(TrailEntry(r.requested_on, "Standards verification",
                              f"In sample {r.number} of the standards verification of "
                              f"{sv.programme} ({sv.academic_year})"
                              + (f", provided {_d(r.provided_on)}" if r.provided_on else "")
                              + ".", url))
        if r.outcome and r.report_received_on:
            out.append(TrailEntry(r.report_received_on, "Standards verification report",
                                  f"Report on sample {r.number}: {r.get_outcome_display()}.",
                                  url, [r.report_summary] if r.report_summary else []))
    return out


@trail.register("verification.iv")
def iv(learner_id: int) -> list[TrailEntry]:
    """Seven queries: briefs (+ actions), samples, decision IVs (+ checks, + actions),
    standards samples."""
    return [*_briefs(learner_id), *_samples(learner_id), *_decisions(learner_id),
            *_standards(learner_id)]
