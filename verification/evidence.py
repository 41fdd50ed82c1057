"""Evidence for QO.8.2 / QO.9: briefs verified before they were issued."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from assessment.evidence import _status
from assessment.models import BriefIssue
from qmr.evidence import Evidence, Status, register
from qmr.models import AcademicYear, SubjectArea
from verification.models import BriefVerification, LeadIVRegistration, RemedialAction


@register("verification.briefs_verified", "QO.8.2", "Briefs verified before issue")
def briefs_verified(centre) -> Evidence:
    verified_before = BriefVerification.objects.filter(
        assignment=OuterRef("assignment"), outcome=BriefVerification.Outcome.FIT,
        verified_at__lte=OuterRef("issued_at"))
    issues = BriefIssue.objects.filter(cohort__programme__centre=centre).annotate(
        ok=Exists(verified_before))
    total, done = issues.count(), issues.filter(ok=True).count()
    return Evidence("QO.8.2", "Briefs verified before issue", _status(done, total) if total
                    else Status.MISSING,
                    f"{done} of {total} issued briefs were verified as fit for purpose first.")


@register("verification.lead_ivs", "QO.9.1", "Lead IVs registered and standardised")
def lead_ivs(centre) -> Evidence:
    today = timezone.localdate()
    year = AcademicYear.objects.filter(centre=centre, starts_on__lte=today,
                                       ends_on__gte=today).first()
    areas = SubjectArea.objects.filter(centre=centre).count()
    done = LeadIVRegistration.objects.filter(subject_area__centre=centre, academic_year=year,
                                             standardised_on__isnull=False).count()
    return Evidence("QO.9.1", "Lead IVs registered and standardised", _status(done, areas),
                    f"{done} of {areas} subject areas have a Lead IV registered and "
                    f"standardised for {year or 'this year'}.")


@register("verification.remedial_actions", "QO.9.4", "Remedial actions followed to closure")
def remedial_actions(centre) -> Evidence:
    rows = RemedialAction.objects.filter(
        verification__submission__learner__centre=centre)
    total = rows.count()
    overdue = rows.filter(closed_at__isnull=True, due_on__lt=timezone.localdate()).count()
    closed = rows.filter(closed_at__isnull=False).count()
    status = Status.WEAK if overdue else Status.IN_PLACE
    return Evidence("QO.9.4", "Remedial actions followed to closure", status,
                    f"{closed} of {total} remedial actions closed; {overdue} overdue.")
