"""The evidence pack read online: a contents list, then one page per objective with, for each
measure, what the records show (and the records behind it), the Quality Nominee's commentary
and attached documents. Read-only for the reviewer; the Quality Nominee annotates."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from qmr import permissions
from qmr.feedback import attempt, attempt_form, download
from qmr.framework.models import Measure
from qmr.jobs import services as jobs
from qmr.review import documents, selectors, services
from qmr.review.forms import AttachForm, NoteForm
from qmr.review.models import PackDocument, ReviewCycle
from qmr.roles import PREPARE_REVIEW


@login_required
def pack_contents(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    return render(request, "review/pack_contents.html", {
        "cycle": cycle, "objectives": selectors.objectives_of(cycle)})


@login_required
def pack_objective(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    objective, before, after = selectors.get_objective(cycle, number)
    annotate = permissions.can(request.user, PREPARE_REVIEW, cycle)
    return render(request, "review/pack_objective.html", {
        "cycle": cycle, "objective": objective, "before": before, "after": after,
        "measures": selectors.pack_for_objective(cycle, objective), "annotate": annotate,
        "note_form": NoteForm(), "attach_form": AttachForm()})


@login_required
def pack_print(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    return render(request, "review/pack_print.html", {
        "cycle": cycle, "parts": selectors.pack_all(cycle)})


def _measure(cycle: ReviewCycle, measure_id: int) -> Measure:
    measure = Measure.objects.select_related("objective").filter(
        pk=measure_id, objective__version=cycle.definition.version_id).first()
    if measure is None:
        raise Http404("No such measure.")
    return measure


def _back(cycle: ReviewCycle, measure: Measure) -> HttpResponse:
    response = redirect("review:pack-objective", cycle.pk, measure.objective.number)
    response["Location"] += f"#{measure.anchor}"
    return response


@login_required
@require_POST
def note_save(request: HttpRequest, pk: int, measure_id: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    permissions.require(request.user, PREPARE_REVIEW, cycle)
    measure = _measure(cycle, measure_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        attempt(request, lambda: services.save_note(
            actor=request.user, cycle=cycle, measure=measure,
            commentary=form.cleaned_data["commentary"]), f"Commentary on {measure.code} saved.")
    return _back(cycle, measure)


@login_required
@require_POST
def attach(request: HttpRequest, pk: int, measure_id: int) -> HttpResponse:
    cycle = selectors.get_cycle_for_user(request.user, pk)
    permissions.require(request.user, PREPARE_REVIEW, cycle)
    measure = _measure(cycle, measure_id)
    attempt_form(request, AttachForm(request.POST, request.FILES),
                 lambda data: services.attach_document(actor=request.user, cycle=cycle,
                                                       measure=measure, **data),
                 f"Attached to {measure.code}.")
    return _back(cycle, measure)


@login_required
@require_POST
def pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the pack as one PDF: made in the background, its page shows the progress."""
    cycle = selectors.get_cycle_for_user(request.user, pk)
    job = jobs.request_job(
        actor=request.user, kind=documents.PACK, centre=cycle.centre,
        title=f"Evidence pack {cycle.academic_year} (PDF)",
        params={"cycle": cycle.pk, "back_url": reverse("review:pack", args=[cycle.pk]),
                "back_label": "Contents of the evidence pack"})
    return redirect("jobs:detail", job.pk)


@login_required
def pack_file(request: HttpRequest, pk: int) -> FileResponse:
    attached = PackDocument.objects.select_related("cycle").filter(pk=pk).first()
    if attached is None:
        raise Http404("No such document.")
    selectors.get_cycle_for_user(request.user, attached.cycle_id)
    return download(attached.file)


urlpatterns = [
    path("cycles/<int:pk>/pack/", pack_contents, name="pack"),
    path("cycles/<int:pk>/pack/all/", pack_print, name="pack-print"),
    path("cycles/<int:pk>/pack/<int:number>/", pack_objective, name="pack-objective"),
    path("cycles/<int:pk>/pack/measures/<int:measure_id>/commentary/", note_save,
         name="pack-note"),
    path("cycles/<int:pk>/pack/measures/<int:measure_id>/attach/", attach, name="pack-attach"),
    path("cycles/<int:pk>/pack/pdf/", pack_pdf, name="pack-pdf"),
    path("pack-files/<int:pk>/", pack_file, name="pack-file"),
]
