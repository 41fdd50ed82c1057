"""Evidence for QO.8 and QO.9: briefs verified before they were issued, Lead IVs, remedial
actions, what IV has covered so far this year, and IV feedback acted on (QO.8.5)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from assessment.evidence import _status
from assessment.models import BriefIssue
from qmr.evidence import Evidence, Record, Status, register
from qmr.models import AcademicYear, Appointment, Site, SubjectArea, User
from qmr.roles import Role
from qmr.selectors import current_year
from registrations.models import Programme, Unit
from verification import selectors
from verification.models import (
    BriefVerification,
    DecisionVerification,
    LeadIVRegistration,
    RemedialAction,
    StandardisationMeeting,
)
from verification.sampling import coverage


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


def _gap(dimension: str, ids: frozenset) -> str:
    """What verified work has not reached yet, named."""
    if dimension == "criteria":
        return f"{len(ids)} criteria"
    rows = {"assessors": User, "units": Unit, "sites": Site}[dimension].objects.in_bulk(ids)
    label = (lambda u: f"Unit {u.number}") if dimension == "units" else str
    return f"{dimension}: {', '.join(sorted(label(r) for r in rows.values()))}"


COVERAGE = "IV coverage of assessors, units, criteria and sites this year"
RELIABILITY = "Reliability of assessment: IV feedback acted on"


@register("verification.iv_coverage", "QO.9.2", COVERAGE)
def iv_coverage(centre) -> Evidence:
    """Per programme with assessed work this year: what the verified work covers so far, and
    the assessors, units, criteria and sites it has not reached yet."""
    year = current_year(centre)
    programmes = list(Programme.objects.filter(centre=centre).order_by("title"))
    records, complete, with_work, any_verified = [], 0, 0, False
    work = selectors.candidates_by_programme(programmes, year) if year else {}
    verified_all = set(DecisionVerification.objects.filter(submission_id__in=[
        c.submission_id for found, _, _ in work.values() for c in found]).values_list(
        "submission_id", flat=True)) if work else set()
    for programme in programmes if year else []:
        found, assessors, _ = work[programme.pk]
        if not found:
            continue
        with_work += 1
        verified = {c.submission_id for c in found} & verified_all
        any_verified |= bool(verified)
        missing = coverage(verified, found, assessors).missing
        gaps = {d: missing[d] for d in ("assessors", "units", "criteria", "sites") if missing[d]}
        if not gaps:
            complete += 1
            label = f"{programme.title}: every assessor, unit, criterion and site covered"
        else:
            parts = [_gap(dimension, ids) for dimension, ids in gaps.items()]
            label = f"{programme.title}: not yet covered — {'; '.join(parts)}"
        records.append(Record(label, reverse("verification:programme-iv", args=[programme.pk])))
    if not with_work:
        return Evidence("QO.9.2", COVERAGE, Status.MISSING,
                        f"No assessed work in {year or 'the current year'} yet, so nothing has "
                        f"been verified.", records)
    status = (Status.IN_PLACE if complete == with_work
              else Status.WEAK if any_verified else Status.MISSING)
    return Evidence("QO.9.2", COVERAGE, status,
                    f"{complete} of {with_work} programmes with assessed work in {year} have "
                    f"verified work from every assessor, unit, criterion and site.", records)


@register("verification.assessment_reliability", "QO.8.5", RELIABILITY)
def assessment_reliability(centre) -> Evidence:
    """Reliability of assessment: where the IV disagreed the decision was corrected, remedial
    actions are closed on time, and every assessor took part in standardisation this year."""
    year = current_year(centre)
    if year is None:
        return Evidence("QO.8.5", RELIABILITY, Status.MISSING,
                        "The centre has no current academic year.")
    today = timezone.localdate()
    verifications = DecisionVerification.objects.filter(
        submission__assignment__plan__programme__centre=centre,
        verified_at__date__gte=year.starts_on, verified_at__date__lte=year.ends_on)
    standing = list(verifications.filter(agrees=False, decision__superseded_by__isnull=True)
                    .select_related("submission__learner", "submission__assignment"))
    disagreed = verifications.filter(agrees=False).count()
    overdue = RemedialAction.objects.filter(
        verification__in=verifications, closed_at__isnull=True, due_on__lt=today).count()
    assessors = {a.person_id: a.person for a in Appointment.objects.active().filter(
        centre=centre, role=Role.ASSESSOR).select_related("person")}
    took_part = set(StandardisationMeeting.participants.through.objects.filter(
        standardisationmeeting__subject_area__centre=centre,
        standardisationmeeting__held_on__gte=year.starts_on,
        standardisationmeeting__held_on__lte=year.ends_on).values_list("user_id", flat=True))
    unstandardised = sorted((p for pk, p in assessors.items() if pk not in took_part), key=str)
    records = [Record(f"Not corrected yet: {v.submission.learner}'s {v.submission.assignment}, "
                      f"verified {v.verified_at:%-d %b %Y}",
                      reverse("verification:decision-iv", args=[v.pk])) for v in standing]
    if unstandardised:
        records.append(Record("Assessors not standardised this year: "
                              + ", ".join(str(p) for p in unstandardised),
                              reverse("verification:overview")))
    if not verifications.exists() and not took_part:
        status = Status.MISSING
    elif standing or overdue or unstandardised:
        status = Status.WEAK
    else:
        status = Status.IN_PLACE
    return Evidence("QO.8.5", RELIABILITY, status,
                    f"{disagreed - len(standing)} of {disagreed} decisions the IV disagreed with "
                    f"in {year} have been corrected; {overdue} remedial actions overdue; "
                    f"{len(assessors) - len(unstandardised)} of {len(assessors)} assessors took "
                    f"part in standardisation this year.", records)
