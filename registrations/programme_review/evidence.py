"""Evidence for QO.4 from the programme reviews: each programme reviewed and signed off this
year, with learners, staff and stakeholders heard, and an action plan followed through."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from registrations.models import Programme
from registrations.programme_review.models import ProgrammeReview

VOICES = ("learner_voice", "staff_voice", "stakeholder_views")


def _this_year(centre) -> tuple[list[Programme], dict[int, ProgrammeReview]]:
    today = timezone.localdate()
    reviews = ProgrammeReview.objects.filter(
        programme__centre=centre, academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today).select_related("programme").annotate(
        open_actions=Count("actions", filter=Q(actions__closed_at__isnull=True)))
    return (list(Programme.objects.filter(centre=centre).order_by("title")),
            {r.programme_id: r for r in reviews})


def _link(review: ProgrammeReview, text: str) -> Record:
    return Record(f"{review.programme}: {text}",
                  reverse("registrations:review-detail", args=[review.pk]))


@register("registrations.programme_reviews", "QO.4.2", "Each programme reviewed every year")
def programme_reviews(centre) -> Evidence:
    programmes, reviews = _this_year(centre)
    missing = [p for p in programmes if p.pk not in reviews]
    unsigned = [r for r in reviews.values() if not r.signed_off]
    status = (Status.MISSING if not reviews else Status.WEAK if missing or unsigned
              else Status.IN_PLACE)
    records = [_link(r, "signed off" if r.signed_off else "not yet signed off")
               for r in reviews.values()]
    records += [Record(f"{p}: no review this year",
                       reverse("registrations:programme-detail", args=[p.pk])) for p in missing]
    return Evidence("QO.4.2", "Each programme reviewed every year", status,
                    f"{len(reviews) - len(unsigned)} of {len(programmes)} programmes have a "
                    f"signed-off review this year; {len(unsigned)} in preparation; "
                    f"{len(missing)} not started.", records)


@register("registrations.review_voices", "QO.4.3", "Learners, staff and stakeholders consulted")
def review_voices(centre) -> Evidence:
    _, reviews = _this_year(centre)
    silent = {r: [f.replace("_", " ") for f in VOICES if not getattr(r, f).strip()]
              for r in reviews.values()}
    short = {r: gaps for r, gaps in silent.items() if gaps}
    status = (Status.MISSING if not reviews else Status.WEAK if short else Status.IN_PLACE)
    return Evidence("QO.4.3", "Learners, staff and stakeholders consulted", status,
                    f"{len(reviews) - len(short)} of {len(reviews)} reviews this year record "
                    f"what learners, staff and stakeholders said.",
                    [_link(r, "missing " + ", ".join(gaps) if gaps else "all three heard")
                     for r, gaps in silent.items()])


@register("registrations.review_actions", "QO.4.4", "Review actions followed through")
def review_actions(centre) -> Evidence:
    today = timezone.localdate()
    reviews = list(ProgrammeReview.objects.filter(programme__centre=centre).select_related(
        "programme", "academic_year").annotate(
        total=Count("actions"),
        overdue=Count("actions", filter=Q(actions__closed_at__isnull=True,
                                          actions__due_on__lt=today)),
        closed=Count("actions", filter=Q(actions__closed_at__isnull=False))))
    total = sum(r.total for r in reviews)
    overdue = sum(r.overdue for r in reviews)
    status = (Status.MISSING if not total else Status.WEAK if overdue else Status.IN_PLACE)
    return Evidence("QO.4.4", "Review actions followed through", status,
                    f"{total} actions set by programme reviews: "
                    f"{sum(r.closed for r in reviews)} closed with evidence, {overdue} overdue.",
                    [_link(r, f"{r.academic_year}: {r.closed} of {r.total} closed, "
                              f"{r.overdue} overdue") for r in reviews if r.total])
