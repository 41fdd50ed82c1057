"""Importing learners from the centre's management information system (CSV).

All rows or none: every bad row is reported (row number, column, what is wrong) and nothing
is written. Re-importing the same file changes nothing. Columns: centre_ref, first_name,
last_name, date_of_birth, programme_code, cohort, enrolled_on; optional email and phone.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError
from qmr.models import Centre, User
from qmr.roles import MANAGE_REGISTRATIONS
from registrations.csvdates import parse_date
from registrations.models import Cohort, Learner

REQUIRED = ("centre_ref", "first_name", "last_name", "date_of_birth", "programme_code",
            "cohort", "enrolled_on")
OPTIONAL = ("email", "phone")
WRITTEN = ("first_name", "last_name", "date_of_birth", "enrolled_on", "email", "phone",
           "programme_id", "cohort_id")
PROGRESS_EVERY = 500  # rows checked between two progress reports (each is one UPDATE)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.message}"


@dataclass
class ImportReport:
    new: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def _read(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = {_key(h): h for h in (reader.fieldnames or [])}
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        raise DomainError(f"The file has no column for: {', '.join(missing)}. It needs "
                          f"{', '.join(REQUIRED)} (and may have {', '.join(OPTIONAL)}).")
    rows = [{c: (raw.get(headers[c]) or "").strip() for c in REQUIRED + OPTIONAL
             if c in headers} for raw in reader]
    return list(headers), rows


def _clean(n: int, row: dict, cohorts: dict, seen: dict, errors: list) -> dict | None:
    before = len(errors)
    for column in REQUIRED:
        if not row.get(column):
            errors.append(RowError(n, column, "is empty."))
    ref = row.get("centre_ref", "")
    if ref and ref in seen:
        errors.append(RowError(n, "centre_ref", f"{ref} appears twice (also row {seen[ref]})."))
    seen.setdefault(ref, n)
    values: dict[str, Any] = {"centre_ref": ref, "first_name": row.get("first_name", ""),
                              "last_name": row.get("last_name", ""),
                              "email": row.get("email", "").lower(),
                              "phone": row.get("phone", "")}
    for column in ("date_of_birth", "enrolled_on"):
        if row.get(column):
            values[column] = parse_date(row[column])
            if values[column] is None:
                errors.append(RowError(n, column, f"'{row[column]}' is not a date (use "
                                                  f"YYYY-MM-DD or DD/MM/YYYY)."))
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(RowError(n, "email", f"'{values['email']}' is not an e-mail address."))
    code, name = row.get("programme_code", ""), row.get("cohort", "")
    if code and name:
        cohort = cohorts.get((code.upper(), name.lower()))
        if cohort is None:
            known = sorted(c.name for (pc, _), c in cohorts.items() if pc == code.upper())
            hint = f" Cohorts of {code}: {', '.join(known)}." if known else \
                f" There is no programme {code} at this centre."
            errors.append(RowError(n, "cohort", f"no cohort '{name}' of programme {code}.{hint}"))
        else:
            values["cohort_id"], values["programme_id"] = cohort.pk, cohort.programme_id
    return values if len(errors) == before else None


def import_learners(*, actor: User, centre: Centre, text: str, commit: bool,
                    progress: Callable[[int, int, str], None] | None = None) -> ImportReport:
    """Check the file and, if `commit` and every row is good, write it in one transaction.
    `progress(done, total, step)`, if given, hears every PROGRESS_EVERY rows checked."""
    permissions.require(actor, MANAGE_REGISTRATIONS, centre)
    _, rows = _read(text)
    if not rows:
        raise DomainError("The file has a header row but no learners.")
    total = len(rows)
    cohorts = {(c.programme.code.upper(), c.name.lower()): c for c in
               Cohort.objects.filter(programme__centre=centre).select_related("programme")}
    existing = {lr.centre_ref: lr for lr in Learner.objects.filter(centre=centre)}
    report, seen, new, changed = ImportReport(), {}, [], []
    for n, row in enumerate(rows, start=2):
        if progress and (n - 2) % PROGRESS_EVERY == 0:
            progress(n - 2, total, f"Checking the rows: {n - 2} of {total} checked.")
        values = _clean(n, row, cohorts, seen, report.errors)
        if values is None:
            continue
        learner = existing.get(values["centre_ref"])
        if learner is None:
            new.append(Learner(centre=centre, **values))
            report.new.append(values)
            continue
        diff = [f for f in WRITTEN if getattr(learner, f) != values[f]]
        if diff:
            for f in diff:
                setattr(learner, f, values[f])
            changed.append(learner)
            report.changed.append({**values, "fields": diff})
        else:
            report.unchanged += 1
    if commit and report.ok and (new or changed):
        if progress:
            progress(total, total, f"Writing {len(new) + len(changed)} learners.")
        _write(actor, centre, new, changed)
    return report


@transaction.atomic
def _write(actor: User, centre: Centre, new: list[Learner], changed: list[Learner]) -> None:
    with acting_as(actor):
        Learner.objects.bulk_create(new, batch_size=1000)
        if changed:
            Learner.objects.bulk_update(changed, list(WRITTEN), batch_size=500)
    record_event(centre, "registrations.learners.imported", actor=actor, centre=centre,
                 summary=f"Learners imported: {len(new)} new, {len(changed)} changed",
                 data={"new": len(new), "changed": len(changed)})
