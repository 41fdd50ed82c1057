from datetime import date, timedelta
from typing import Any

import pytest

from qmr.deadlines.models import Deadline

TODAY = date(2026, 11, 23)  # the suite day


@pytest.fixture
def deadline(world: Any) -> Any:
    """Make a deadline row for the world's centre: `deadline("x", days=3, owner=person)`."""
    def make(key: str, *, days: int, owner: Any = None, centre: Any = None, **kw: Any) -> Any:
        return Deadline.objects.create(
            centre=centre or world.centre, kind=kw.pop("kind", "assessment.assignment"),
            key=key, title=kw.pop("title", f"Do {key}"), due_on=TODAY + timedelta(days=days),
            owner=owner, **kw)

    return make
