"""Persona sets and the expectation helper shared by the permission matrix and its parts."""

from tests.conftest import PERSONAS

ALL = set(PERSONAS) | {"outsider"}
STAFF = {"head", "slt", "nominee", "exams", "leader", "lead_iv", "iv", "assessor", "reviewer"}
# The external Centre Quality Reviewer reads what the evidence pack links to (learner,
# assessment, staff and quality records, the people) and changes nothing: in the sets below
# it reads, and every write row refuses it (403) wherever it reads the object.
REVIEWER = {"reviewer"}
PEOPLE = {"head", "slt", "nominee", "exams", "reviewer"}  # VIEW_PEOPLE on the centre
MANAGE = {"head", "nominee"}
READ = set(STAFF)  # learner records: VIEW_RECORDS or the Exams Officer's registrations
CENTRE_WIDE_READ = {"head", "slt", "nominee", "exams", "reviewer"}
ASSESS_READ = {"head", "slt", "nominee", "leader", "lead_iv", "iv", "reviewer"}  # not exams
PLAN_READ = ASSESS_READ | {"assessor"}
WORK_READ = PLAN_READ | {"learner"}  # the submission is the learner persona's own
INDEX = {name: i for i, name in enumerate(sorted(ALL | {"anon"}))}


def expect(ok: set[str], ok_status: int = 200, seen: set[str] = frozenset()) -> dict[str, int]:
    """ok -> ok_status; seen (but not ok) -> 403; everyone else -> 404."""
    return {p: ok_status if p in ok else 403 if p in seen else 404 for p in ALL}


def everywhere(statuses: dict[str, int]) -> dict[str, int]:
    """For pages with no object in the URL: the same status table, outsider included."""
    return {p: statuses.get(p, 403) for p in ALL}
