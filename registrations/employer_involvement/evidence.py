"""Evidence for QO.7.1 from employer involvement: each programme has activities with
employers this year, its learners' participation recorded, and a sample verified."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from registrations.employer_involvement.models import EmployerActivity
from registrations.models import Programme

TITLE = "Employer involvement planned, taken part in and verified"


@register("registrations.employer_involvement", "QO.7.1", TITLE)
def employer_involvement(centre) -> Evidence:
    today = timezone.localdate()
    activities = list(EmployerActivity.objects.filter(
        programme__centre=centre, academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today).select_related("programme").annotate(
        took_part=Count("participations", filter=Q(participations__took_part=True)))
        .order_by("programme__title", "held_on", "pk"))
    programmes = list(Programme.objects.filter(centre=centre).order_by("title"))
    by_programme: dict[int, list[EmployerActivity]] = {}
    for a in activities:
        by_programme.setdefault(a.programme_id, []).append(a)
    without = [p for p in programmes if not any(a.took_part for a in by_programme.get(p.pk, []))]
    unverified = [p for p in programmes if p.pk in by_programme
                  and not any(a.verified for a in by_programme[p.pk])]
    status = (Status.MISSING if not activities else Status.WEAK if without or unverified
              else Status.IN_PLACE)
    records = [Record(f"{a.programme}: {a} on {a.held_on:%d %b %Y}, {a.took_part} took part, "
                      + (f"verified ({a.get_outcome_display().lower()})" if a.verified
                         else "not verified"),
                      reverse("registrations:employer-detail", args=[a.pk]))
               for a in activities]
    records += [Record(f"{p}: no employer activity with participation this year",
                       reverse("registrations:programme-detail", args=[p.pk]))
                for p in without]
    return Evidence("QO.7.1", TITLE, status,
                    f"{len(programmes) - len(without)} of {len(programmes)} programmes have "
                    f"employer activities this year that learners took part in; "
                    f"{sum(a.verified for a in activities)} of {len(activities)} activities "
                    f"internally verified; {len(unverified)} programmes with none verified.",
                    records)
