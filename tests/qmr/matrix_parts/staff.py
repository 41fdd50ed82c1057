"""Permission matrix rows for staff records and the organisation chart (qmr.staff).

The record is the assessor persona's on our side (target.person's on the other): read by the
person, by the Head, SLT and Quality Nominee and by the external reviewer (the evidence pack
links to it); written by the Head and the Quality Nominee, and by the person for their own
training. Empty forms are refused with a message (302); the reviewer is refused (403)."""

from datetime import date
from typing import Any

from django.core.files.base import ContentFile

from qmr.staff.models import Training
from tests.qmr.matrix_support import ALL, MANAGE, PEOPLE, STAFF, expect

MANAGERS = {"head", "slt", "nominee", "reviewer"}  # VIEW_STAFF_RECORDS on the centre
RECORD_READ = MANAGERS | {"assessor"}


def build(target: Any, world: Any, side: str) -> None:
    person = world["assessor"] if side == "own" else target.person
    target.staff_person = person
    target.training = Training.objects.create(
        centre=target.centre, person=person, academic_year=target.year, title="Update",
        held_on=date(2040, 10, 1), hours=2, recorded_by=person,
        evidence=ContentFile(b"pdf", name="cpd.pdf"))


def record(t: Any) -> dict:
    return {"centre_id": t.centre.pk, "person_id": t.staff_person.pk}


def centre(t: Any) -> dict:
    return {"centre_id": t.centre.pk}


ROWS = {
    "staff:home": (None, "get", None, dict.fromkeys(ALL, 200)),
    "staff:staff-list": (centre, "get", None, expect(MANAGERS, 200, STAFF)),
    "staff:org-chart": (centre, "get", None, expect(PEOPLE, 200, STAFF)),
    "staff:record": (record, "get", None, expect(RECORD_READ)),
    "staff:job-save": (record, "post", lambda p: {}, expect(MANAGE, 302, RECORD_READ)),
    "staff:qualification-add": (record, "post", lambda p: {},
                                expect(MANAGE, 302, RECORD_READ)),
    "staff:induction-record": (record, "post", lambda p: {},
                               expect(MANAGE, 302, RECORD_READ)),
    "staff:training-add": (record, "post", lambda p: {"kind": "cpd"},
                           expect(MANAGE | {"assessor"}, 302, RECORD_READ)),
    "staff:file": (lambda t: {"kind": "training", "pk": t.training.pk}, "get", None,
                   expect(RECORD_READ)),
}
