"""Verification pages. The brief's verification form sits on the assignment's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from assessment import selectors as assessment_selectors
from assessment.forms import VerifyBriefForm
from qmr import permissions
from qmr.errors import DomainError
from qmr.roles import VERIFY
from verification import services


@login_required
@require_POST
def brief_verify(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = assessment_selectors.get_assignment_for_user(request.user, pk)
    permissions.require(request.user, VERIFY, assignment.plan.programme)
    form = VerifyBriefForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say whether the brief is fit for purpose.")
    else:
        try:
            services.verify_brief(actor=request.user, assignment=assignment, **form.cleaned_data)
        except DomainError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "The brief's verification is recorded.")
    return redirect("assessment:assignment-detail", assignment.pk)
