"""A programme's units and their assessment criteria: typed in, or imported from a CSV with
the columns code, learning_aim, text (the band is read from the code: P, M or D)."""

import csv
import io
import re
from collections.abc import Callable

from django.db import transaction

from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError
from qmr.models import User
from qmr.roles import LEAD_VERIFY, SIGN_CLASS_LIST
from registrations.models import Criterion, Programme, Unit

CODE = re.compile(r"^([PMD])(\d{1,2})$")


def may_edit(actor: User, programme: Programme) -> bool:
    """The Programme Leader or the Lead IV keeps the programme's specification."""
    return permissions.can(actor, SIGN_CLASS_LIST, programme) or permissions.can(
        actor, LEAD_VERIFY, programme)


def _require(actor: User, programme: Programme) -> None:
    if not may_edit(actor, programme):
        raise permissions.PermissionDenied(
            "Only the Programme Leader or the Lead IV can change the units and criteria.")


@transaction.atomic
def add_unit(*, actor: User, programme: Programme, number: str, title: str,
             guided_learning_hours: int, mandatory: bool, externally_assessed: bool) -> Unit:
    _require(actor, programme)
    if programme.units.filter(number=number).exists():
        raise DomainError(f"{programme} already has a unit {number}.")
    with acting_as(actor):
        unit = Unit.objects.create(programme=programme, number=number, title=title,
                                   guided_learning_hours=guided_learning_hours,
                                   mandatory=mandatory, externally_assessed=externally_assessed)
    record_event(unit, "registrations.unit.added", actor=actor, centre=programme.centre,
                 summary=f"{unit} added to {programme}")
    return unit


def _band(code: str) -> str:
    match = CODE.match(code)
    if not match:
        raise DomainError(f"'{code}' is not a criterion code: use P, M or D and a number, "
                          f"such as P1, M2 or D1.")
    return match.group(1)


@transaction.atomic
def add_criterion(*, actor: User, unit: Unit, code: str, learning_aim: str,
                  text: str) -> Criterion:
    _require(actor, unit.programme)
    code = code.strip().upper()
    band = _band(code)
    if unit.externally_assessed:
        raise DomainError(f"{unit} is externally assessed: it has no centre-assessed criteria.")
    if unit.criteria.filter(code=code).exists():
        raise DomainError(f"{unit} already has a criterion {code}.")
    if not text.strip():
        raise DomainError("Give the criterion's wording, exactly as in the specification.")
    with acting_as(actor):
        criterion = Criterion.objects.create(unit=unit, code=code, band=band,
                                             learning_aim=learning_aim.strip().upper(),
                                             text=text.strip())
    record_event(criterion, "registrations.criterion.added", actor=actor,
                 centre=unit.programme.centre, summary=f"{code} added to {unit}")
    return criterion


@transaction.atomic
def import_criteria(*, actor: User, unit: Unit, text: str,
                    progress: Callable[[int, int, str], None] | None = None) -> list[Criterion]:
    """All rows or none; each bad row named, one per line. Codes already on the unit are
    refused. `progress(done, total, step)`, if given, hears once the rows are checked."""
    _require(actor, unit.programme)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = {(h or "").strip().lower(): h for h in reader.fieldnames or []}
    if not {"code", "text"} <= set(headers):
        raise DomainError("The file needs the columns code and text (and may have "
                          "learning_aim).")
    existing = set(unit.criteria.values_list("code", flat=True))
    errors, new = [], []
    for n, row in enumerate(reader, start=2):
        code = (row.get(headers["code"]) or "").strip().upper()
        wording = (row.get(headers["text"]) or "").strip()
        aim = (row.get(headers.get("learning_aim", ""), "") or "").strip().upper()
        if not CODE.match(code):
            errors.append(f"Row {n}, code: '{code}' is not a criterion code (P1, M2, D1...).")
        elif code in existing:
            errors.append(f"Row {n}, code: {unit} already has {code}.")
        if not wording:
            errors.append(f"Row {n}, text: is empty.")
        existing.add(code)
        new.append(Criterion(unit=unit, code=code, band=code[:1], learning_aim=aim,
                             text=wording))
    if errors:
        raise DomainError("\n".join(errors))
    if not new:
        raise DomainError("The file has no criteria.")
    if progress:  # a unit has tens of criteria at most: one report is enough
        progress(len(new), len(new), f"Writing {len(new)} criteria.")
    with acting_as(actor):
        created = Criterion.objects.bulk_create(new)
    record_event(unit, "registrations.criteria.imported", actor=actor,
                 centre=unit.programme.centre, summary=f"{len(created)} criteria imported")
    return created
