"""Malpractice pages: the register, raising a case, the case's page with the form for each
step its reader may take, the evidence files and the report for the awarding body."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from appeals.malpractice import forms, selectors, services
from appeals.malpractice.models import Finding, Kind, MalpracticeCase, Status
from qmr.feedback import attempt
from qmr.forms import describe_errors


def _centre(request: HttpRequest) -> tuple[Any, list]:
    centres = selectors.register_centres(request.user)
    if not centres:
        raise Http404("No malpractice register for you.")
    wanted = request.GET.get("centre") or request.POST.get("centre")
    return next((c for c in centres if str(c.pk) == wanted), centres[0]), centres


@login_required
def register(request: HttpRequest) -> HttpResponse:
    centre, centres = _centre(request)
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    return render(request, "appeals/malpractice/register.html", {
        "centre": centre, "centres": centres, "status": status, "kind": kind,
        "statuses": Status.choices, "kinds": Kind.choices,
        "cases": selectors.register(request.user, centre, status, kind)})


@login_required
def raise_case(request: HttpRequest) -> HttpResponse:
    centre, centres = _centre(request)
    form = forms.RaiseForm(request.POST or None, centre=centre)
    if request.method == "POST" and form.is_valid():
        data, made = form.cleaned_data, []
        details = {k: data[k] for k in ("how_discovered", "witnesses", "candidates_informed",
                                        "effect_on_candidates", "investigation_plan",
                                        "declaration_signed")}
        if attempt(request, lambda: made.append(services.raise_case(
                actor=request.user, centre=centre, category=data["category"],
                allegation=data["allegation"], learner=data["learner"],
                staff_member=data["staff_member"], programme=data["programme"],
                unit=data["unit"], **details)),
                "Case raised. Only the Head of Centre, the Quality Nominee and the "
                "investigator can see it."):
            return redirect("appeals:case-detail", made[0].pk)
    return render(request, "appeals/malpractice/raise.html", {
        "centre": centre, "centres": centres, "form": form})


@dataclass(frozen=True)
class Step:
    form: type
    may: Callable[[Any, MalpracticeCase], bool]
    run: Callable[[Any, MalpracticeCase, dict], Any]
    done: str
    shown: Callable[[MalpracticeCase], bool]


STEPS: dict[str, Step] = {
    "name": Step(forms.StaffForm, services.may_act_as_head,
                 lambda u, c, d: services.name_staff_member(
                     actor=u, case=c, staff_member=d["staff_member"]),
                 "Member of staff named.",
                 lambda c: c.kind == Kind.STAFF and not c.staff_member_id),
    "appoint": Step(forms.InvestigatorForm, services.may_act_as_head,
                    lambda u, c, d: services.appoint_investigator(
                        actor=u, case=c, investigator=d["investigator"]),
                    "Investigator appointed. They see the case on their home page.",
                    lambda c: not c.finding),
    "notify": Step(forms.ToldForm, services.may_record_stage,
                   lambda u, c, d: services.record_notification(
                       actor=u, case=c, told_on=d["told_on"]),
                   "Recorded: the person was told of the allegation and its consequences.",
                   lambda c: not c.told_of_allegation_on),
    "respond": Step(forms.ResponseForm, services.may_record_stage,
                    lambda u, c, d: services.record_response(
                        actor=u, case=c, response=d["response"],
                        response_on=d["response_on"]),
                    "Response recorded.",
                    lambda c: bool(c.told_of_allegation_on) and not c.response_on),
    "evidence": Step(forms.EvidenceForm, services.may_add_evidence,
                     lambda u, c, d: services.add_evidence(
                         actor=u, case=c, file=d["file"], name=d["name"]),
                     "Evidence added.", lambda c: True),
    "finding": Step(forms.FindingForm, services.may_find,
                    lambda u, c, d: services.record_finding(
                        actor=u, case=c, finding=d["finding"], reasons=d["reasons"]),
                    "Finding recorded.",
                    lambda c: bool(c.told_of_allegation_on) and not c.finding),
    "sanction": Step(forms.SanctionForm, services.may_act_as_head,
                     lambda u, c, d: services.record_sanction(
                         actor=u, case=c, sanction=d["sanction"]),
                     "Sanction recorded.",
                     lambda c: c.finding == Finding.PROVEN and not c.sanction),
    "appeal-told": Step(forms.ToldForm, services.may_record_stage,
                        lambda u, c, d: services.record_told_how_to_appeal(
                            actor=u, case=c, told_on=d["told_on"]),
                        "Recorded: the person was told how to appeal.",
                        lambda c: bool(c.finding) and not c.told_how_to_appeal_on),
    "report": Step(forms.ReportForm, services.may_act_as_head,
                   lambda u, c, d: services.record_report_to_awarding_body(
                       actor=u, case=c, reported_on=d["reported_on"],
                       reference=d["reference"]),
                   "Recorded as reported to the awarding body.",
                   lambda c: not c.reported_to_awarding_body_on),
    "close": Step(forms.CloseForm, services.may_close,
                  lambda u, c, d: services.close_case(actor=u, case=c),
                  "Case closed. Its record is kept for three years.",
                  lambda c: bool(c.finding)),
}

STEP_TITLES = {
    "name": "Name the member of staff", "appoint": "Appoint the investigator",
    "notify": "Tell the person of the allegation", "respond": "Record their response",
    "evidence": "Add evidence", "finding": "Record the finding", "sanction": "Record the sanction",
    "appeal-told": "Tell them how to appeal", "report": "Report to the awarding body",
    "close": "Close the case",
}


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk)
    steps = []
    if case.is_open:
        for name, step in STEPS.items():
            if step.shown(case) and step.may(request.user, case):
                steps.append({"name": name, "title": STEP_TITLES[name],
                              "form": step.form(case=case, prefix=name)})
    return render(request, "appeals/malpractice/case_detail.html", {
        "case": case, "steps": steps,
        "evidence": list(case.evidence.select_related("uploaded_by")),
        "history": selectors.case_history(case)})


@login_required
@require_POST
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk)
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404("No such step.")
    if not chosen.may(request.user, case):
        raise PermissionDenied(f"You cannot {STEP_TITLES[step].lower()} on this case.")
    form = chosen.form(request.POST, request.FILES, case=case, prefix=step)
    if not form.is_valid():
        messages.error(request, describe_errors(form))
    else:
        attempt(request, lambda: chosen.run(request.user, case, form.cleaned_data),
                chosen.done)
    return redirect("appeals:case-detail", case.pk)


@login_required
def case_evidence(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.get_evidence_for_user(request.user, pk)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
def case_report(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk)
    return render(request, "appeals/malpractice/report.html", {
        "case": case, "fields": selectors.awarding_body_report(case)})
