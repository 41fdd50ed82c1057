"""Evidence for QO.6.5 (induction) and QO.7.2 (learner review) from the support records of
the centre's learners on programme."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from registrations.learner_support.models import Induction, InductionItem, TutorialReview
from registrations.models import Cohort, Learner, LearnerStatus

ON_PROGRAMME = (LearnerStatus.ENROLLED, LearnerStatus.REGISTERED)


def _cohorts(centre, **annotations):
    today = timezone.localdate()
    return list(Cohort.objects.filter(
        programme__centre=centre, academic_year__starts_on__lte=today,
        expected_end_on__gte=today).select_related("programme").annotate(
        on_programme=Count("learners", filter=Q(learners__status__in=ON_PROGRAMME)),
        **annotations).order_by("name"))


def _status(short: int, total: int) -> str:
    return Status.MISSING if not total or short == total else (
        Status.WEAK if short else Status.IN_PLACE)


def _records(cohorts, text) -> list[Record]:
    return [Record(f"{c.name}: {text(c)}", reverse("registrations:cohort-support", args=[c.pk]))
            for c in cohorts]


@register("registrations.induction", "QO.6.5", "Learners inducted")
def induction(centre) -> Evidence:
    items = len(InductionItem.values)
    active = Q(learners__status__in=ON_PROGRAMME)
    cohorts = _cohorts(centre, inducted=Count("learners", filter=active & Q(
        learners__induction__isnull=False)))
    complete = {c.pk: 0 for c in cohorts}
    for cohort_id, covered in Induction.objects.filter(
            learner__cohort__in=cohorts, learner__status__in=ON_PROGRAMME).values_list(
            "learner__cohort_id", "covered"):
        complete[cohort_id] += len(covered) == items
    total = sum(c.on_programme for c in cohorts)
    done = sum(complete.values())
    return Evidence("QO.6.5", "Learners inducted", _status(total - done, total),
                    f"{done} of {total} learners on programme have a complete induction "
                    f"recorded (the programme, assessment, appeals, malpractice and AI, the "
                    f"learner agreement).",
                    _records(cohorts, lambda c: f"{complete[c.pk]} of {c.on_programme} "
                                                f"complete, {c.inducted} started"))


@register("registrations.learning_plans", "QO.7.2", "Learning plans and tutorial reviews")
def learning_plans(centre) -> Evidence:
    today = timezone.localdate()
    reviewed = TutorialReview.objects.filter(learner=OuterRef("pk"),
                                             held_on__gte=today.replace(month=8, day=1)
                                             if today.month >= 8 else
                                             today.replace(year=today.year - 1, month=8, day=1))
    active = Q(learners__status__in=ON_PROGRAMME)
    cohorts = _cohorts(centre, planned=Count("learners", filter=active & Q(
        learners__plan__isnull=False)))
    with_review = dict(Learner.objects.filter(cohort__in=cohorts, status__in=ON_PROGRAMME)
                       .annotate(seen=Exists(reviewed)).filter(seen=True)
                       .values("cohort_id").annotate(n=Count("pk")).values_list("cohort_id", "n"))
    total = sum(c.on_programme for c in cohorts)
    short = sum(c.on_programme - min(c.planned, with_review.get(c.pk, 0)) for c in cohorts)
    return Evidence("QO.7.2", "Learning plans and tutorial reviews", _status(short, total),
                    f"{total - short} of {total} learners on programme have an agreed learning "
                    f"plan and a tutorial review this academic year.",
                    _records(cohorts, lambda c: f"{c.planned} plans, "
                                                f"{with_review.get(c.pk, 0)} reviewed this year"))
