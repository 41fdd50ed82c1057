"""Standards verification on the home page and in the navigation."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from qmr import navigation, permissions
from qmr.home import WorkItem, register
from qmr.roles import LEAD_VERIFY, SAMPLE_WORK, Role
from registrations.models import Programme
from verification.standards import access
from verification.standards.models import StandardsVerification
from verification.standards.state import state_of


@register(Role.STANDARDS_VERIFIER, "Samples to verify")
def samples_to_verify(user: Any, appointments: list) -> list[WorkItem]:
    rounds = access.current_rounds(user).filter(outcome="").select_related(
        "standards_verification__programme")
    return [WorkItem(f"{r.standards_verification.programme}: sample {r.number}"
                     f"{'' if r.provided_on else ' (not yet provided)'}",
                     reverse("verification:sv-samples")) for r in rounds[:20]]


@register(Role.LEAD_IV, "Standards verification")
def standards_verification(user: Any, appointments: list) -> list[WorkItem]:
    """Each programme the Lead IV leads with a standards verification this year, and what it
    waits for (two queries)."""
    programmes = permissions.visible(user, LEAD_VERIFY, Programme.objects.all())
    today = timezone.localdate()
    items = []
    for sv in StandardsVerification.objects.filter(
            programme__in=programmes, academic_year__starts_on__lte=today,
            academic_year__ends_on__gte=today).select_related("programme").prefetch_related(
            "rounds"):
        state = state_of(sv.rounds.all())
        if state.released:
            continue
        if state.report_outstanding:
            what = "waiting for the verifier's report"
        elif state.open_round is not None:
            what = "sample to provide"
        elif state.blocked:
            what = "blocked: record the further sample the verifier asks for"
        else:
            what = "record the sample when the verifier asks for it"
        items.append(WorkItem(f"{sv.programme}: {what}",
                              reverse("verification:sv-programme", args=[sv.programme_id]),
                              sv.window_closes))
    return items


navigation.register("Standards verification samples", "verification:sv-samples",
                    navigation.holding(SAMPLE_WORK))
