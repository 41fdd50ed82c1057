"""The learner trail's appeals section (see `qmr.review.trail`): the learner's appeals stage by
stage, results of theirs another appeal put in doubt, malpractice cases against them, and the
reasonable adjustments and special consideration they had. A constant number of queries."""

from django.db.models import Prefetch
from django.urls import reverse

from appeals.adjustments.models import ReasonableAdjustment, SpecialConsideration
from appeals.decisions.models import Appeal, AppealStage, ResultInDoubt
from appeals.malpractice.models import MalpracticeCase
from qmr.review import trail
from qmr.review.trail import TrailEntry
from qmr.review.trail import day as _d


def _stage_entries(appeal: Appeal, url: str) -> list[TrailEntry]:
    out = []
    for s in appeal.stages.all():
        if s.submitted_on:
            out.append(TrailEntry(s.submitted_on, "Appeal sent to the awarding body",
                                  f"Stage {s.number} sent to the awarding body"
                                  + (f" (reference {s.reference})" if s.reference else "") + ".",
                                  url))
        if s.outcome:
            timing = "within its limit" if s.decided_on <= s.due_on else (
                f"after its limit of {_d(s.due_on)}")
            stage = s.get_number_display().replace(": ", " (", 1) + ")"
            outcome = s.get_outcome_display().replace(": ", ", ", 1).lower()
            out.append(TrailEntry(s.decided_on, "Appeal stage decided",
                                  f"{stage}: {outcome}; decided by {s.decided_by} {timing}.",
                                  url,
                                  [f"Reasons: {s.reasons}"]))
        if s.learner_told_at:
            out.append(TrailEntry(s.learner_told_at, "Learner told",
                                  f"The learner was sent the outcome of stage {s.number}.", url))
    return out


def _appeals(learner_id: int) -> list[TrailEntry]:
    stages = AppealStage.objects.select_related("decided_by").order_by("number")
    rows = Appeal.objects.filter(learner_id=learner_id).select_related(
        "decision__submission__assignment", "lodged_by").prefetch_related(
        Prefetch("stages", queryset=stages))
    out = []
    for a in rows:
        url = reverse("appeals:appeal-detail", args=[a.pk])
        first = next(iter(a.stages.all()), None)
        due = f"; stage 1 due by {_d(first.due_on)}" if first else ""
        out.append(TrailEntry(a.lodged_at, "Appeal",
                              f"Appeal against the result of “{a.decision.submission.assignment}"
                              f"” lodged by {a.lodged_by}{due}.", url, [f"Grounds: {a.grounds}"]))
        out += _stage_entries(a, url)
        if a.closed_on:
            out.append(TrailEntry(a.closed_on, "Appeal closed",
                                  f"Appeal closed: {a.get_status_display().lower()}.", url))
    return out


def _doubts(learner_id: int) -> list[TrailEntry]:
    rows = ResultInDoubt.objects.filter(submission__learner_id=learner_id).select_related(
        "submission__assignment", "resolved_by")
    out = []
    for d in rows:
        url = reverse("assessment:submission-detail", args=[d.submission_id])
        out.append(TrailEntry(d.raised_at, "Result in doubt",
                              f"The result of “{d.submission.assignment}” put in doubt by an "
                              f"upheld appeal of another learner; it cannot be claimed until "
                              f"reviewed.", url))
        if d.resolved_at:
            out.append(TrailEntry(d.resolved_at, "Result reviewed",
                                  f"Result reviewed by {d.resolved_by}.", url,
                                  [d.resolution] if d.resolution else []))
    return out


def _malpractice(learner_id: int) -> list[TrailEntry]:
    rows = MalpracticeCase.objects.filter(learner_id=learner_id).select_related(
        "unit", "raised_by", "investigator")
    out = []
    for c in rows:
        url = reverse("appeals:case-detail", args=[c.pk])
        about = f" on {c.unit}" if c.unit_id else ""
        steps = [f"{label} {_d(day)}." for label, day in [
            ("Told of the allegation and its possible consequences on", c.told_of_allegation_on),
            ("Responded on", c.response_on), ("Told how to appeal on", c.told_how_to_appeal_on)]
            if day]
        if c.investigator_id:
            steps.insert(0, f"Investigated by {c.investigator}.")
        out.append(TrailEntry(c.raised_at, "Malpractice case",
                              f"Case {c.pk} opened by {c.raised_by}: "
                              f"{c.get_category_display().lower()}{about}.", url,
                              [f"Allegation: {c.allegation}", *steps]))
        if c.found_on:
            sanction = f"; sanction: {c.get_sanction_display().lower()}" if c.sanction else ""
            out.append(TrailEntry(c.found_on, "Malpractice finding",
                                  f"Case {c.pk}: {c.get_finding_display().lower()}{sanction}.",
                                  url, [c.finding_reasons] if c.finding_reasons else []))
        if c.reported_to_awarding_body_on:
            out.append(TrailEntry(c.reported_to_awarding_body_on, "Reported to the awarding body",
                                  f"Case {c.pk} reported to the awarding body"
                                  + (f" (reference {c.report_reference})"
                                     if c.report_reference else "") + ".", url))
        if c.closed_on:
            out.append(TrailEntry(c.closed_on, "Malpractice case closed",
                                  f"Case {c.pk} closed.", url))
    return out


def _adjustments(learner_id: int) -> list[TrailEntry]:
    out = [TrailEntry(a.agreed_on, "Reasonable adjustment",
                      f"{a.get_kind_display()} agreed for “{a.assignment}” by {a.agreed_by}.",
                      reverse("appeals:programme-adjustments",
                              args=[a.assignment.plan.programme_id]),
                      [a.details, f"Evidence of need: {a.evidence}"])
           for a in ReasonableAdjustment.objects.filter(learner_id=learner_id).select_related(
               "assignment__plan", "agreed_by")]
    for c in SpecialConsideration.objects.filter(learner_id=learner_id).select_related(
            "assignment", "requested_by", "decided_by"):
        url = reverse("appeals:consideration-detail", args=[c.pk])
        out.append(TrailEntry(c.requested_at, "Special consideration",
                              f"Special consideration asked for “{c.assignment}” by "
                              f"{c.requested_by}: {c.get_kind_display().lower()} (assessed "
                              f"{_d(c.assessed_on)}).", url, [c.circumstances]))
        if c.decided_on:
            out.append(TrailEntry(c.decided_on, "Special consideration decided",
                                  f"{c.get_status_display()} by {c.decided_by}"
                                  + (f"; the learner told on {_d(c.learner_told_on)}"
                                     if c.learner_told_on else "") + ".", url,
                                  [c.decision_reasons] if c.decision_reasons else []))
        if c.sent_to_awarding_body_on:
            late = " (late)" if c.sent_late else ""
            out.append(TrailEntry(c.sent_to_awarding_body_on, "Sent to the awarding body",
                                  f"Special consideration request sent to the awarding "
                                  f"body{late}, due by {_d(c.due_at_awarding_body)}.", url))
    return out


@trail.register("appeals.appeals")
def appeals(learner_id: int) -> list[TrailEntry]:
    """Six queries: appeals (+ stages), results in doubt, malpractice cases, adjustments,
    special consideration."""
    return [*_appeals(learner_id), *_doubts(learner_id), *_malpractice(learner_id),
            *_adjustments(learner_id)]
