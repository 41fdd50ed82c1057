"""Two people doing the same step at the same moment, and steps that fail half-way (reuses the
assessment and certification fixtures)."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

from qmr.errors import DomainError
from tests.assessment.conftest import (  # noqa: F401  (fixtures)
    assignment,
    cohort,
    issued,
    plan,
    unit,
    year,
)
from tests.certification.conftest import claimable  # noqa: F401  (fixture)
from tests.verification.conftest import assessed  # noqa: F401  (fixture)


def at_once(*steps: Callable[[], Any]) -> list[Any]:
    """Run each step in its own thread and database connection, all let go together; give back
    what each returned, or the exception it raised."""
    start = threading.Barrier(len(steps))
    outcomes: list[Any] = [None] * len(steps)

    def run(i: int, step: Callable[[], Any]) -> None:
        start.wait()
        try:
            outcomes[i] = step()
        except Exception as error:  # noqa: BLE001  (the test judges what was raised)
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def one_wins(outcomes: list[Any], message: str) -> Any:
    """Exactly one step succeeded; the other was refused in words a person understands (a
    DomainError, not an IntegrityError or a deadlock). Gives back the winner's result."""
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    won = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(won) == 1 and len(refused) == 1, outcomes
    assert isinstance(refused[0], DomainError), repr(refused[0])
    assert message in str(refused[0])
    return won[0]
