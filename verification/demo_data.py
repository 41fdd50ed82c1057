"""Verification's part of the demo: the Internal Verifier verifies Sport's first brief."""

from assessment.models import Assignment
from qmr.demo import DemoContext, register
from qmr.models import User
from verification.models import BriefVerification
from verification.services import verify_brief


@register(order=35)
def load_verification(ctx: DemoContext) -> None:
    first = Assignment.objects.filter(plan__programme__centre=ctx.centres["main"],
                                      title="Careers in the sports industry").first()
    if first is None or BriefVerification.objects.filter(assignment=first).exists():
        return
    verify_brief(actor=User.objects.get(email="s.patel@brookfield.example"), assignment=first,
                 outcome="fit", comments="Clear tasks; criteria worded as in the specification.")
