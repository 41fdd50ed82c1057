"""Permission matrix rows for malpractice cases (appeals.malpractice).

Each side gets an open staff case against its target person (a senior manager there), with
one evidence file and no investigator yet. Only the Head of Centre, the Quality Nominee and
the external reviewer (the evidence pack links to each case) read it; only the Head of Centre
records the stages (the investigator would too). Everyone else, the outsider included, gets a
404 on our case. The register stays the Head's and the Quality Nominee's."""

from typing import Any

from django.core.files.base import ContentFile

from appeals.malpractice.models import CaseEvidence, Kind, MalpracticeCase
from tests.qmr.matrix_support import expect

READERS = {"head", "nominee", "reviewer"}


def build(target: Any, world: Any, side: str) -> None:
    target.case = MalpracticeCase.objects.create(
        centre=target.centre, kind=Kind.STAFF, staff_member=target.person,
        category="improper_assistance", allegation="x", raised_by=target.person)
    target.case_evidence = CaseEvidence.objects.create(
        case=target.case, name="n.txt", uploaded_by=target.person,
        file=ContentFile(b"notes", name="n.txt"))


def case(t: Any) -> dict:
    return {"pk": t.case.pk}


REGISTER = {p: 200 if p in {"head", "nominee", "outsider"} else 404 for p in expect(set())}
ROWS = {
    # No object in the URL: the outsider sees their own centre's register.
    "appeals:malpractice-register": (None, "get", None, REGISTER),
    "appeals:malpractice-raise": (None, "get", None, REGISTER),
    "appeals:case-detail": (case, "get", None, expect(READERS)),
    "appeals:case-report": (case, "get", None, expect(READERS)),
    "appeals:case-step": (lambda t: {"pk": t.case.pk, "step": "notify"}, "post",
                          lambda p: {}, expect({"head"}, 302, READERS)),
    "appeals:case-evidence": (lambda t: {"pk": t.case_evidence.pk}, "get", None,
                              expect(READERS)),
}
