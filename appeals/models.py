"""The appeals app's models live in its parts; imported here so Django finds them."""

from appeals.adjustments.models import ReasonableAdjustment, SpecialConsideration  # noqa: F401
from appeals.decisions.models import (  # noqa: F401
    Appeal,
    AppealSettings,
    AppealStage,
    LogReview,
    ResultInDoubt,
)
from appeals.malpractice.models import CaseEvidence, MalpracticeCase  # noqa: F401
