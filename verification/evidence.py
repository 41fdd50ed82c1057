"""Evidence for QO.8.2 / QO.9: briefs verified before they were issued."""

from django.db.models import Exists, OuterRef

from assessment.evidence import _status
from assessment.models import BriefIssue
from qmr.evidence import Evidence, Status, register
from verification.models import BriefVerification


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
