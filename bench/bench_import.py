"""Importing 5,000 learners from a CSV (check and write, all in one transaction)."""

import time

from qmr.models import Centre, User
from registrations.importing import import_learners
from registrations.models import Cohort

ROWS = 5000


def run() -> list[dict]:
    centre = Centre.objects.get(number="48213")
    cohort = Cohort.objects.filter(programme__centre=centre, programme__code="BSP3X1").get()
    exams = User.objects.get(email="exams@brookfield.example")
    lines = ["centre_ref,first_name,last_name,date_of_birth,programme_code,cohort,enrolled_on,"
             "email"]
    lines += [f"BENCH{i:05d},Bench{i},Learner,14/03/2009,{cohort.programme.code},"
              f"{cohort.name},2026-09-02,bench{i}@learners.example" for i in range(ROWS)]
    text = "\n".join(lines)
    started = time.perf_counter()
    report = import_learners(actor=exams, centre=centre, text=text, commit=True)
    elapsed = time.perf_counter() - started
    assert report.ok and len(report.new) == ROWS, report.errors[:3]
    started = time.perf_counter()
    again = import_learners(actor=exams, centre=centre, text=text, commit=True)
    repeat = time.perf_counter() - started
    assert again.unchanged == ROWS
    return [
        {"name": "registrations.import_5000_learners_s", "value": elapsed, "unit": "s",
         "goal": 10},
        {"name": "registrations.reimport_5000_unchanged_s", "value": repeat, "unit": "s"},
    ]
