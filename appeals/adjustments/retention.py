"""Adjustment and special consideration records are kept three years."""

from appeals import retention
from appeals.adjustments.models import ReasonableAdjustment, SpecialConsideration


def connect() -> None:
    retention.guard(
        (ReasonableAdjustment, SpecialConsideration), owner=lambda i: i,
        kept="These records are kept for three years",
        uid="appeals.retention", listed=(ReasonableAdjustment, SpecialConsideration))
