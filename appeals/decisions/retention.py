"""Appeals records are kept at least 18 months after the appeal closes (and while it is open)."""

from typing import Any

from appeals import retention
from appeals.decisions.models import Appeal, AppealStage, ResultInDoubt


def _appeal_of(instance: Any) -> Appeal:
    if isinstance(instance, Appeal):
        return instance
    if isinstance(instance, AppealStage):
        return instance.appeal
    return instance.raised_by.appeal


def connect() -> None:
    retention.guard(
        (Appeal, AppealStage, ResultInDoubt), owner=_appeal_of,
        open_refusal="This appeal is still open: its records cannot be deleted.",
        kept="Appeals records are kept for 18 months after the appeal closes",
        uid="appeals.retention")
