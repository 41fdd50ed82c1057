"""Permission matrix rows for the deadline pages (qmr.deadlines): a person's own deadlines,
reminders and calendar feed are theirs whoever they are (no object in the URL); the year
plan is read by the centre's senior people only. The feed itself is reached by its private
token without logging in (PUBLIC in the matrix; tests/deadlines covers it)."""

from typing import Any

from qmr.deadlines.models import Deadline
from tests.qmr.matrix_support import ALL, expect

SENIOR = {"head", "slt", "nominee"}


def build(target: Any, world: Any, side: str) -> None:
    Deadline.objects.create(centre=target.centre, kind="assessment.assignment",
                            key=f"matrix:{side}:{target.person.pk}", title="Hand in",
                            due_on=target.year.starts_on, owner=target.person)


def nothing(persona: str) -> dict:
    return {}


ROWS = {
    "deadlines:mine": (None, "get", None, dict.fromkeys(ALL, 200)),
    "deadlines:notifications": (None, "get", None, dict.fromkeys(ALL, 200)),
    "deadlines:delivery": (None, "post", lambda p: {"delivery": "digest"},
                           dict.fromkeys(ALL, 302)),
    "deadlines:feed-new": (None, "post", nothing, dict.fromkeys(ALL, 302)),
    "deadlines:feed-revoke": (None, "post", nothing, dict.fromkeys(ALL, 302)),
    "deadlines:mark-read": (None, "post", nothing, dict.fromkeys(ALL, 302)),
    "deadlines:year-plan-home": (None, "get", None,
                                 {p: 302 if p in SENIOR | {"outsider"} else 404 for p in ALL}),
    "deadlines:year-plan": (lambda t: {"centre_id": t.centre.pk}, "get", None, expect(SENIOR)),
}
