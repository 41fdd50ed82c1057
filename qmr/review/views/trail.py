"""The learner trail: pick a learner of the centre, then read their whole path through the
records in date order. Read-only. For the pack's readers (Quality Nominee, Head of Centre,
senior managers and the reviewer while their appointment lasts); everyone else gets 404, as
does a learner of another centre."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from qmr.review import access, trail

PICKER_LIMIT = 50


@login_required
@require_GET
def trail_picker(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = access.get_centre(request.user, centre_id)
    query = request.GET.get("q", "").strip()[:100]
    # One more than we show, to say when there are more to narrow down.
    found = trail.search(centre.pk, query, PICKER_LIMIT + 1)
    return render(request, "review/trail_picker.html", {
        "centre": centre, "query": query, "learners": found[:PICKER_LIMIT],
        "more": len(found) > PICKER_LIMIT, "limit": PICKER_LIMIT})


@login_required
@require_GET
def learner_trail(request: HttpRequest, centre_id: int, learner_id: int) -> HttpResponse:
    centre = access.get_centre(request.user, centre_id)
    learner = trail.learner(centre.pk, learner_id)
    if learner is None:
        raise Http404("No such learner at this centre.")
    entries = trail.entries(learner.pk)
    return render(request, "review/learner_trail.html", {
        "centre": centre, "learner": learner, "entries": entries,
        "stages": trail.stages(entries),
        "runs": trail.runs(entries)})


urlpatterns = [
    path("centres/<int:centre_id>/trails/", trail_picker, name="trail-picker"),
    path("centres/<int:centre_id>/learners/<int:learner_id>/trail/", learner_trail,
         name="learner-trail"),
]
