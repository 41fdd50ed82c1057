"""The cohort's pre-claim eligibility page: who can be claimed for now, and why not."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qmr import permissions
from registrations import selectors
from registrations.claim_checks import ClaimScope
from registrations.eligibility import ELIGIBILITY_READERS, eligibility
from registrations.models import Unit


@login_required
def cohort_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    """Full qualification by default; `scope=units` with `unit` ids for unit certification;
    `show=can|cannot` filters the rows."""
    cohort = selectors.get_cohort_for_user(request.user, pk)
    if not any(permissions.can(request.user, p, cohort) for p in ELIGIBILITY_READERS):
        raise PermissionDenied("Eligibility for claims is for the programme's leader and Lead "
                               "IV, the Exams Officer and the centre's leaders.")
    units = list(Unit.objects.filter(programme_id=cohort.programme_id).order_by("id"))
    per_unit = request.GET.get("scope") == "units"
    chosen = {u.pk for u in units if str(u.pk) in request.GET.getlist("unit")}
    show = request.GET.get("show", "")
    data = None
    if not per_unit or chosen:
        scope = ClaimScope(cohort.programme, frozenset(chosen) if per_unit else None)
        data = eligibility(cohort, scope, show=show)
    return render(request, "registrations/cohort_eligibility.html", {
        "cohort": cohort, "e": data, "units": units, "per_unit": per_unit, "chosen": chosen,
        "show": show,
    })
