"""The Quality Nominee's disposal page: what is past its time, kind by kind, with how long
each is kept and why, a "Confirm disposal" per record and per kind, and the past disposals.
The centre's senior people who read its quality records see the page; only the nominee
confirms (403 for the others); everyone else gets 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt
from qmr.retention import selectors, services
from qmr.roles import PREPARE_REVIEW


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The menu's link: the person's own centre's page."""
    centre = selectors.first_centre(request.user)
    if centre is None:
        raise Http404("No centre's records to show.")
    return redirect("retention:disposal-list", centre.pk)


@login_required
def disposal_list(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    return render(request, "retention/disposal_list.html", {
        "centre": centre, "groups": selectors.due_for_centre(centre, timezone.localdate()),
        "disposals": selectors.past_disposals(centre),
        "may_confirm": permissions.can(request.user, PREPARE_REVIEW, centre)})


@login_required
@require_POST
def disposal_confirm(request: HttpRequest, centre_id: int, kind: str,
                     pk: int | None = None) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, centre_id)
    attempt(request, lambda: services.confirm_disposal(actor=request.user, centre=centre,
                                                       kind=kind, pk=pk),
            "Disposed of, and recorded below.")
    return redirect("retention:disposal-list", centre.pk)


app_name = "retention"
urlpatterns = [
    path("", home, name="home"),
    path("centres/<int:centre_id>/", disposal_list, name="disposal-list"),
    path("centres/<int:centre_id>/<str:kind>/confirm/", disposal_confirm,
         name="disposal-confirm-kind"),
    path("centres/<int:centre_id>/<str:kind>/<int:pk>/confirm/", disposal_confirm,
         name="disposal-confirm"),
]
