"""Appeals in the demo: on Sport's "Careers in the sports industry", Noah Haddad's appeal was
not upheld by the assessor and upheld by the internal verifier at stage 2 (M1 corrected to
achieved); Theo Mbeki's is still at stage 1, past its limit. (Theo Lindley's result, P2 not
yet achieved, is left for the browser journey to appeal.)"""

from datetime import timedelta

from django.utils import timezone

from appeals.decisions import services
from appeals.decisions.models import Appeal, AppealStage, Outcome
from assessment.models import Decision
from qmr.calendar import WorkingDays
from qmr.demo import DemoContext, register
from qmr.models import User

ASSIGNMENT = "Careers in the sports industry"


def _released(centre, first_name: str, last_name: str) -> Decision:
    return Decision.objects.select_related("submission").get(
        submission__learner__centre=centre, submission__learner__first_name=first_name,
        submission__learner__last_name=last_name,
        submission__assignment__title=ASSIGNMENT, superseded_by__isnull=True,
        released_at__isnull=False)


@register(order=60)
def load_appeals(ctx: DemoContext) -> None:
    centre = ctx.centres["main"]
    if Appeal.objects.filter(centre=centre).exists():
        return
    assessor = User.objects.get(email="r.ng@brookfield.example")
    verifier = User.objects.get(email="s.patel@brookfield.example")

    decision = _released(centre, "Noah", "Haddad")
    m1 = decision.results.get(criterion__code="M1")
    appeal = services.lodge_appeal(
        actor=assessor, decision=decision,
        grounds="Noah says his careers plan analyses how each role's entry routes suit him, "
                "as M1 asks, on pages 4 and 5, which the feedback does not mention.")
    services.decide_stage(
        actor=assessor, stage=appeal.stages.get(), outcome=Outcome.NOT_UPHELD,
        reasons="Pages 4 and 5 describe the entry routes but do not analyse them.")
    stage = services.take_further(actor=assessor, appeal=appeal)
    services.decide_stage(
        actor=verifier, stage=stage, outcome=Outcome.UPHELD,
        reasons="Pages 4 and 5 weigh each entry route against Noah's own strengths: that is "
                "the analysis M1 asks for.",
        results={r.criterion_id: (r.achieved or r.pk == m1.pk, r.feedback)
                 for r in decision.results.all()},
        feedback="M1 achieved on appeal: the analysis on pages 4 and 5 meets it.")

    # The demo is loaded today, but Theo's appeal was lodged eight days ago and its first
    # stage is past its limit. A service cannot lodge in the past, so the dates are moved
    # here (the audited queryset keeps the change in the records' history).
    decision = _released(centre, "Theo", "Mbeki")
    appeal = services.lodge_appeal(
        actor=assessor, decision=decision,
        grounds="Theo believes his evidence for M1 (the action plan) was not looked at.")
    opened = ctx.today - timedelta(days=8)
    Decision.objects.filter(pk=decision.pk).update(
        released_at=timezone.now() - timedelta(days=10))
    Appeal.objects.filter(pk=appeal.pk).update(lodged_at=timezone.now() - timedelta(days=8))
    AppealStage.objects.filter(appeal=appeal).update(
        opened_on=opened, due_on=WorkingDays(centre).add(opened, 5))
