"""Named personas. Each holds its role through `qmr.services.appoint`, exactly as in the
product. Centre A is "ours"; centre B is another, unrelated centre."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from qmr import services
from qmr.roles import Role
from tests.factories import CentreFactory, LearnerFactory, ProgrammeFactory

PASSWORD = "pw-for-tests"
# The suite's today: a Monday of the autumn term of 2026/27, the year the fixtures are dated in.
# Every test starts on it (the clock ticks on, and the live server's thread shares it), so what
# is "late", "this year" or "in force" means the same whatever day the suite runs: the demo's
# first hand-ins are on time and a resubmission window does not run into the summer holiday.
# A test that needs another day travels from here.
SUITE_DAY = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def on_the_suite_day() -> Any:
    with time_machine.travel(SUITE_DAY, tick=True):
        yield


@dataclass
class World:
    centre: Any
    other_centre: Any
    programme: Any
    other_programme: Any
    subject_area: Any
    people: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.people[name]


def appoint(centre: Any, email: str, role: str, scope: Any = None, **kw: Any) -> Any:
    appointment = services.appoint(
        actor=None, centre=centre, email=email, full_name=email.split("@")[0].title(),
        role=role, scope=scope, **kw,
    )
    person = appointment.person
    person.set_password(PASSWORD)
    person.save(update_fields=["password"])
    return person


# persona name -> (role, scope: "centre" | "programme" | "subject_area")
PERSONAS: dict[str, tuple[str, str]] = {
    "head": (Role.HEAD_OF_CENTRE, "centre"),
    "slt": (Role.SENIOR_MANAGER, "centre"),
    "nominee": (Role.QUALITY_NOMINEE, "centre"),
    "exams": (Role.EXAMS_OFFICER, "centre"),
    "leader": (Role.PROGRAMME_LEADER, "programme"),
    "lead_iv": (Role.LEAD_IV, "subject_area"),
    "iv": (Role.INTERNAL_VERIFIER, "programme"),
    "assessor": (Role.ASSESSOR, "programme"),
    "learner": (Role.LEARNER, "centre"),
    "reviewer": (Role.QUALITY_REVIEWER, "centre"),
    "sv": (Role.STANDARDS_VERIFIER, "programme"),
}


@pytest.fixture
def world(db: Any) -> World:
    """Every role at centre A, plus a Quality Nominee at centre B (the outsider)."""
    from datetime import timedelta

    from django.utils import timezone

    programme = ProgrammeFactory()
    centre = programme.centre
    other_programme = ProgrammeFactory(centre=CentreFactory())
    scopes = {"centre": centre, "programme": programme, "subject_area": programme.subject_area}
    people = {}
    for name, (role, scope) in PERSONAS.items():
        last_day = timezone.localdate() + timedelta(days=30) if name in ("reviewer", "sv") else None
        people[name] = appoint(centre, f"{name}@a.example", role, scopes[scope],
                               last_day=last_day)
    learner = LearnerFactory(programme=programme)
    learner.user = people["learner"]
    learner.save(update_fields=["user"])
    people["outsider"] = appoint(other_programme.centre, "nominee@b.example",
                                 Role.QUALITY_NOMINEE)
    return World(centre, other_programme.centre, programme, other_programme,
                 programme.subject_area, people)


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Any:
    """`with committed():` runs what waits for the commit (sending a job to its task, file
    removal, e-mails) as the step inside it ends, as it would in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def login(client: Any) -> Any:
    def _login(person: Any) -> Any:
        client.force_login(person)
        return client

    return _login
