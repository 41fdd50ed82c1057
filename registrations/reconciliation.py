"""Comparing the awarding body's registration export with the centre's records.

The export is a CSV with the columns registration_number, first_name, last_name,
date_of_birth and programme_code (header names are matched loosely: case and spaces).
"""

import csv
import io
from datetime import date

from qmr.errors import DomainError
from registrations.csvdates import parse_date
from registrations.models import Cohort, Learner, LearnerStatus

COLUMNS = ("registration_number", "first_name", "last_name", "date_of_birth", "programme_code")


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def parse(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames:
        raise DomainError("The file is empty.")
    headers = {_key(h): h for h in reader.fieldnames}
    missing = [c for c in COLUMNS if c not in headers]
    if missing:
        raise DomainError(
            f"The file has no column for: {', '.join(missing)}. The awarding body's export "
            f"needs the columns {', '.join(COLUMNS)}."
        )
    rows = []
    for n, raw in enumerate(reader, start=2):
        row = {c: (raw.get(headers[c]) or "").strip() for c in COLUMNS}
        dob = parse_date(row["date_of_birth"])
        if dob is None:
            raise DomainError(f"Row {n}, date_of_birth: '{row['date_of_birth']}' is not a date "
                              f"(use YYYY-MM-DD or DD/MM/YYYY).")
        rows.append({**row, "registration_number": row["registration_number"].upper(),
                     "date_of_birth": dob, "row": n})
    return rows


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def compare(cohort: Cohort, rows: list[dict]) -> list[dict]:
    """Every difference, in words: learners missing from either side, wrong programme code,
    name or date of birth differences."""
    ours = {lr.registration_number: lr for lr in Learner.objects.filter(
        cohort=cohort, status=LearnerStatus.REGISTERED)}
    theirs = {r["registration_number"]: r for r in rows}
    code = cohort.programme.code
    out: list[dict] = []
    for number, learner in sorted(ours.items()):
        if number not in theirs:
            out.append(_diff("missing", learner.full_name, number,
                             f"{learner.full_name} ({number}) is registered in our records but "
                             f"missing from the awarding body's list."))
    for number, row in theirs.items():
        learner = ours.get(number)
        name = f"{row['first_name']} {row['last_name']}"
        if learner is None:
            out.append(_diff("unknown", name, number,
                             f"Row {row['row']}: {name} ({number}) is on the awarding body's "
                             f"list but not registered in this cohort in our records."))
            continue
        if row["programme_code"].upper() != code.upper():
            out.append(_diff("programme_code", learner.full_name, number,
                             f"{learner.full_name} ({number}) is registered on programme code "
                             f"{row['programme_code']}, not {code}."))
        if not (_same_name(row["first_name"], learner.first_name)
                and _same_name(row["last_name"], learner.last_name)):
            out.append(_diff("name", learner.full_name, number,
                             f"{learner.full_name} ({number}) is named {name} by the awarding "
                             f"body."))
        if row["date_of_birth"] != learner.date_of_birth:
            out.append(_diff("date_of_birth", learner.full_name, number,
                             f"{learner.full_name} ({number}): date of birth "
                             f"{_d(row['date_of_birth'])} at the awarding body, "
                             f"{_d(learner.date_of_birth)} in our records."))
    return out


def _d(day: date) -> str:
    return f"{day:%d %b %Y}"


def _diff(kind: str, learner: str, number: str, message: str) -> dict:
    return {"kind": kind, "learner": learner, "registration_number": number,
            "message": message}
