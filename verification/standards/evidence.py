"""QO.9.4 evidence: standards verification outcomes acted on."""

from django.db.models import Prefetch
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from verification.standards.models import SampleRound, StandardsVerification
from verification.standards.state import state_of


@register("verification.sv_outcomes", "QO.9.4", "Standards verification outcomes acted on")
def sv_outcomes(centre) -> Evidence:
    """Red while a programme is blocked, amber while a report is outstanding or the report's
    actions are open, green once every programme verified this year is released with its
    actions closed."""
    today = timezone.localdate()
    records = list(StandardsVerification.objects.filter(
        programme__centre=centre, academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today).select_related("programme").prefetch_related(
        Prefetch("rounds", queryset=SampleRound.objects.prefetch_related("actions"))))
    title = "Standards verification outcomes acted on"
    if not records:
        return Evidence("QO.9.4", title, Status.MISSING,
                        "No standards verification is recorded for this year.")
    states = [(sv, state_of(sv.rounds.all())) for sv in records]
    blocked = [sv for sv, s in states if s.blocked]
    outstanding = [sv for sv, s in states if s.report_outstanding]
    open_actions = sum(1 for sv in records for r in sv.rounds.all() for a in r.actions.all()
                       if a.closed_at is None)
    released = sum(1 for _, s in states if s.released)
    status = (Status.MISSING if blocked else Status.WEAK if outstanding or open_actions
              else Status.IN_PLACE)
    summary = (f"{released} of {len(records)} programmes verified this year released; "
               f"{len(blocked)} blocked; {len(outstanding)} waiting for a report; "
               f"{open_actions} actions from reports open.")
    return Evidence("QO.9.4", title, status, summary, [
        Record(f"{sv.programme}: {'blocked' if s.blocked else s.outcome or 'in progress'}")
        for sv, s in states])
