"""The appeals app's models live in its parts; imported here so Django finds them."""

from appeals.decisions.models import (  # noqa: F401
    Appeal,
    AppealSettings,
    AppealStage,
    ResultInDoubt,
)
