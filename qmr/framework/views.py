"""The framework for staff and the external reviewer to read, with what the records show for
their centre beside each measure. Read-only: the framework is edited in the admin."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from qmr.framework import selectors


@login_required
def version_list(request: HttpRequest) -> HttpResponse:
    selectors.require_reader(request.user)
    return render(request, "framework/version_list.html", {
        "versions": list(selectors.shown_versions()),
        "centres": selectors.readable_centres(request.user)})


@login_required
def version_detail(request: HttpRequest, pk: int, centre_id: int) -> HttpResponse:
    version, centre = selectors.get_version_for_user(request.user, pk, centre_id)
    objectives = selectors.measures_with_evidence(centre, version)
    count = sum(len(o.measures) for o in objectives)
    not_evidenced = sum(o.not_evidenced for o in objectives)
    return render(request, "framework/version_detail.html", {
        "version": version, "centre": centre, "objectives": objectives,
        "measure_count": count, "not_evidenced": not_evidenced,
        "evidenced": count - not_evidenced,
        "centres": selectors.readable_centres(request.user)})
