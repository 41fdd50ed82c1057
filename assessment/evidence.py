"""Evidence for QO.8 (assessment) and QO.5.3 (tracking), computed from the records."""

from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from assessment.models import AssessmentPlan, Decision, Submission
from qmr.evidence import Evidence, Record, Status, register
from registrations.models import Programme

STALE_DAYS = 21  # work waiting longer than three weeks for a decision


def _status(done: int, total: int) -> str:
    if total and done == total:
        return Status.IN_PLACE
    return Status.WEAK if done else Status.MISSING


@register("assessment.plans_signed_off", "QO.8.1", "Assessment plans signed off")
def plans_signed_off(centre) -> Evidence:
    signed = AssessmentPlan.objects.filter(programme=OuterRef("pk"),
                                           signed_off_at__isnull=False)
    programmes = list(Programme.objects.filter(centre=centre).annotate(ok=Exists(signed)))
    done = [p for p in programmes if p.ok]
    plans = AssessmentPlan.objects.filter(programme__centre=centre).select_related("programme")
    return Evidence("QO.8.1", "Assessment plans signed off", _status(len(done), len(programmes)),
                    f"{len(done)} of {len(programmes)} programmes have a plan signed off by the "
                    f"Lead IV.",
                    [Record(str(p), reverse("assessment:plan-detail", args=[p.pk]))
                     for p in plans])


@register("assessment.declarations", "QO.8.3", "Declarations on assessed work")
def declarations(centre) -> Evidence:
    assessed = Submission.objects.filter(learner__centre=centre, decisions__isnull=False) \
        .distinct()
    total = assessed.count()
    done = assessed.filter(declaration_signed_at__isnull=False).count()
    return Evidence("QO.8.3", "Declarations on assessed work",
                    _status(done, total) if total else Status.MISSING,
                    f"{done} of {total} assessed submissions carry the learner's signed, dated "
                    f"declaration.")


@register("assessment.criterion_decisions", "QO.8.4", "Decisions at criterion level")
def criterion_decisions(centre) -> Evidence:
    decisions = Decision.objects.filter(submission__learner__centre=centre).annotate(
        recorded=Count("results", distinct=True),
        targeted=Count("submission__assignment__criteria", distinct=True))
    total = decisions.count()
    done = decisions.filter(recorded=F("targeted")).count()
    return Evidence("QO.8.4", "Decisions at criterion level",
                    _status(done, total) if total else Status.MISSING,
                    f"{done} of {total} decisions record every targeted criterion with "
                    f"feedback.")


@register("assessment.tracking", "QO.5.3", "Tracking kept up to date")
def tracking(centre) -> Evidence:
    cutoff = timezone.now() - timedelta(days=STALE_DAYS)
    waiting = Submission.objects.filter(learner__centre=centre).filter(
        ~Exists(Decision.objects.filter(submission=OuterRef("pk"))))
    stale = waiting.filter(submitted_at__lt=cutoff).count()
    assessed = Submission.objects.filter(learner__centre=centre).filter(
        Q(decisions__isnull=False)).distinct().count()
    status = Status.WEAK if stale else Status.IN_PLACE if assessed else Status.MISSING
    return Evidence("QO.5.3", "Tracking kept up to date", status,
                    f"{assessed} submissions assessed; {waiting.count()} waiting, {stale} of them "
                    f"for more than {STALE_DAYS} days.")
