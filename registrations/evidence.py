"""Evidence for QO.3 (registration), computed from the registration records."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from registrations import rules
from registrations.models import Cohort, Learner, LearnerStatus, RegistrationCheck, Withdrawal


def _cohorts(centre):
    return Cohort.objects.filter(programme__centre=centre).select_related("academic_year",
                                                                          "programme")


@register("registrations.timeliness", "QO.3.1", "Learners registered on time")
def timeliness(centre) -> Evidence:
    today = timezone.localdate()
    cohorts = list(_cohorts(centre).annotate(
        late=Count("learners", filter=Q(learners__registered_late=True)),
        registered=Count("learners", filter=Q(learners__status=LearnerStatus.REGISTERED))))
    years = rules.awarding_body_years({c.academic_year.name for c in cohorts})
    waiting = Learner.objects.filter(cohort__in=cohorts, status=LearnerStatus.ENROLLED) \
        .select_related("cohort__programme", "cohort__academic_year")
    overdue = [lr for lr in waiting if rules.registration_deadline(
        lr, lr.cohort, years[lr.cohort.academic_year.name]) < today] if cohorts else []
    late = sum(c.late for c in cohorts)
    registered = sum(c.registered for c in cohorts)
    status = Status.MISSING if overdue else Status.WEAK if late else Status.IN_PLACE
    if not registered and not overdue:
        status = Status.MISSING
    return Evidence("QO.3.1", "Learners registered on time", status,
                    f"{registered} registered, {late} of them late; {len(overdue)} past their "
                    f"deadline and still not registered.",
                    [Record(f"{c.name}: {c.registered} registered, {c.late} late",
                            reverse("registrations:cohort-detail", args=[c.pk])) for c in cohorts])


@register("registrations.identity_checks", "QO.3.1", "Identity checked at enrolment")
def identity_checks(centre) -> Evidence:
    counts = Learner.objects.filter(centre=centre).aggregate(
        all=Count("pk"), checked=Count("pk", filter=Q(identity_checked_at__isnull=False)))
    missing = counts["all"] - counts["checked"]
    status = Status.IN_PLACE if counts["all"] and not missing else \
        Status.WEAK if counts["checked"] else Status.MISSING
    return Evidence("QO.3.1", "Identity checked at enrolment", status,
                    f"{counts['checked']} of {counts['all']} learners have an identity check "
                    f"recorded.")


@register("registrations.reconciliation", "QO.3.1", "Awarding body's lists checked")
def reconciliation(centre) -> Evidence:
    confirmed = RegistrationCheck.objects.filter(cohort=OuterRef("pk"),
                                                 status=RegistrationCheck.Status.CONFIRMED)
    cohorts = list(_cohorts(centre).annotate(ok=Exists(confirmed)))
    done = [c for c in cohorts if c.ok]
    status = Status.IN_PLACE if cohorts and len(done) == len(cohorts) else \
        Status.WEAK if done else Status.MISSING
    return Evidence("QO.3.1", "Awarding body's lists checked", status,
                    f"{len(done)} of {len(cohorts)} cohorts have their registrations confirmed "
                    f"against the awarding body's list.",
                    [Record(f"{c.name}: {'confirmed' if c.ok else 'not confirmed'}",
                            reverse("registrations:cohort-detail", args=[c.pk]))
                     for c in cohorts])


@register("registrations.withdrawals", "QO.3.1", "Withdrawals signed off by two people")
def withdrawals(centre) -> Evidence:
    rows = Withdrawal.objects.filter(learner__centre=centre)
    done = rows.filter(took_effect_at__isnull=False).count()
    pending = rows.filter(took_effect_at__isnull=True).count()
    status = Status.WEAK if pending else Status.IN_PLACE
    return Evidence("QO.3.1", "Withdrawals signed off by two people", status,
                    f"{done} withdrawals took effect, each signed off by the Quality Nominee "
                    f"and the Exams Officer; {pending} waiting for sign-off.")
