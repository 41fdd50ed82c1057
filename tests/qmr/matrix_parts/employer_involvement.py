"""Permission matrix rows for employer involvement (registrations.employer_involvement).

Each side's programme gets an activity in the target's year, organised by the target's senior
manager, with the target's learner recorded on it. The Programme Leader and the Quality
Nominee plan activities and record participation; the programme's internal verifiers verify;
the programme's readers read them."""

from typing import Any

from registrations.employer_involvement.models import EmployerActivity, Participation
from tests.qmr.matrix_support import ALL, READ, expect

ORGANISE = {"leader", "nominee"}
VERIFIERS = {"iv", "lead_iv"}


def build(target: Any, world: Any, side: str) -> None:
    target.employer_activity = EmployerActivity.objects.create(
        programme=target.cohort.programme, academic_year=target.year, title="Coaching",
        employer="A club", held_on=target.year.starts_on, organised_by=target.person)
    Participation.objects.create(activity=target.employer_activity, learner=target.learner,
                                 recorded_by=target.person)


def activity(t: Any) -> dict:
    return {"pk": t.employer_activity.pk}


def programme(t: Any) -> dict:
    return {"pk": t.cohort.programme_id}


ROWS = {
    "registrations:employer-list": (None, "get", None, dict.fromkeys(ALL, 200)),
    "registrations:employer-add": (programme, "get", None, expect(ORGANISE, 200, READ)),
    "registrations:employer-detail": (activity, "get", None, expect(READ)),
    # An empty form is shown again with what is missing (400).
    "registrations:employer-participation": (activity, "post", lambda p: {},
                                             expect(ORGANISE, 400, READ)),
    "registrations:employer-verify": (activity, "post", lambda p: {},
                                      expect(VERIFIERS, 400, READ)),
}
