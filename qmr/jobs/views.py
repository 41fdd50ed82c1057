"""A job's page: its progress bar (htmx polls the status part while it runs), the download
when it is ready, and "try again" when it failed. 404 to anyone its kind does not let read."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from qmr.feedback import attempt, download
from qmr.jobs import registry, services
from qmr.jobs.models import Job


def get_job_for_user(user: Any, pk: int) -> Job:
    job = Job.objects.select_related("requested_by", "centre").filter(pk=pk).first()
    found = registry.kind(job.kind) if job else None
    if job is None or found is None or not found.may_read(user, job):
        raise Http404("No such job.")
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    template = "jobs/_status.html" if request.htmx else "jobs/detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    if job.state != Job.State.DONE or not job.file:
        raise Http404("The file is not ready.")
    return download(job.file, job.filename)


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    attempt(request, lambda: services.retry(actor=request.user, job=job), "Trying again.")
    return redirect("jobs:detail", job.pk)


app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", job_detail, name="detail"),
    path("<int:pk>/download/", job_download, name="download"),
    path("<int:pk>/retry/", job_retry, name="retry"),
]
