"""QO.10.4 evidence: reasonable adjustments recorded before the assessment, and special
consideration authorised by the Head of Centre, the learner told and sent on time."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from appeals.adjustments.models import (
    ConsiderationStatus,
    ReasonableAdjustment,
    SpecialConsideration,
)
from assessment.models import Submission
from qmr.evidence import Evidence, Record, Status, register


@register("adjustments.before_assessment", "QO.10.4",
          "Reasonable adjustments recorded before the assessment")
def before_assessment(centre) -> Evidence:
    title = "Reasonable adjustments recorded before the assessment"
    handed_in = Submission.objects.filter(assignment=OuterRef("assignment"),
                                          learner=OuterRef("learner"))
    rows = list(ReasonableAdjustment.objects.filter(centre=centre).annotate(
        assessed=Exists(handed_in)).select_related("learner", "assignment__plan"))
    if not rows:
        return Evidence("QO.10.4", title, Status.NOT_EVIDENCED,
                        "No reasonable adjustment is recorded.")
    records = [Record(f"{a.learner}, {a.assignment.title}: {a.get_kind_display().lower()}, "
                      f"agreed {a.agreed_on:%d %b %Y}"
                      f"{'; the work has been handed in' if a.assessed else ''}",
                      reverse("appeals:programme-adjustments",
                              args=[a.assignment.plan.programme_id])) for a in rows]
    return Evidence("QO.10.4", title, Status.IN_PLACE,
                    f"{len(rows)} adjustments, each agreed before the learner handed the work "
                    f"in (the product refuses one after).", records)


@register("adjustments.special_consideration", "QO.10.4",
          "Special consideration authorised, the learner told, sent on time")
def special_consideration(centre) -> Evidence:
    title = "Special consideration authorised, the learner told, sent on time"
    rows = list(SpecialConsideration.objects.filter(centre=centre).select_related(
        "learner", "assignment"))
    if not rows:
        return Evidence("QO.10.4", title, Status.NOT_EVIDENCED,
                        "No special consideration has been asked for.")
    short = []
    for c in rows:
        if c.status == ConsiderationStatus.REQUESTED:
            continue
        if not c.learner_told_on:
            short.append((c, "learner not told yet"))
        if c.status == ConsiderationStatus.AUTHORISED and (
                not c.sent_to_awarding_body_on or c.sent_late):
            short.append((c, "not sent by the awarding body's deadline"
                          if c.sent_late else "not sent to the awarding body yet"))
    records = [Record(f"{c.learner}, {c.assignment.title}: {why}",
                      reverse("appeals:consideration-detail", args=[c.pk])) for c, why in short]
    records += [Record(f"{c.learner}, {c.assignment.title}: {c.get_status_display().lower()}",
                       reverse("appeals:consideration-detail", args=[c.pk])) for c in rows]
    return Evidence("QO.10.4", title, Status.WEAK if short else Status.IN_PLACE,
                    f"{len(rows)} requests; {len(short)} steps outstanding.", records)
