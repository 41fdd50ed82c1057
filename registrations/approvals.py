"""The centre's qualification approvals for the annual re-declaration: its programmes."""

from typing import Any

from qmr.review import approvals
from registrations.models import Programme


@approvals.register
def programmes(centre: Any) -> list[approvals.Approval]:
    """One query."""
    return [approvals.Approval(code, f"{title} (Level {level})") for code, title, level in
            Programme.objects.filter(centre=centre).order_by("title", "code")
            .values_list("code", "title", "level")]
