"""Importing learners from the management information system: all rows or none, every bad
row named, and the same file twice changes nothing."""

import pytest

from qmr.errors import DomainError
from registrations.importing import import_learners
from registrations.models import Learner

pytestmark = pytest.mark.django_db

HEADER = "centre_ref,first_name,last_name,date_of_birth,programme_code,cohort,enrolled_on,email"


def csv_for(cohort, n, *, bad_row=None):
    lines = [HEADER]
    for i in range(n):
        dob = "31/02/2009" if i == bad_row else "14/03/2009"
        lines.append(f"M{i:05d},Ana{i},Lopez,{dob},{cohort.programme.code},{cohort.name},"
                     f"2026-09-02,ana{i}@learners.example")
    return "\n".join(lines)


def test_it_previews_without_writing(world, cohort):
    report = import_learners(actor=world["exams"], centre=world.centre,
                             text=csv_for(cohort, 10), commit=False)
    assert report.ok and len(report.new) == 10
    assert not Learner.objects.filter(centre_ref__startswith="M").exists()


def test_it_imports_every_row(world, cohort):
    import_learners(actor=world["exams"], centre=world.centre, text=csv_for(cohort, 10),
                    commit=True)
    imported = Learner.objects.filter(centre_ref__startswith="M")
    assert imported.count() == 10
    assert Learner.history.filter(centre_ref__startswith="M", history_type="+",
                                  history_user=world["exams"]).count() == 10


def test_one_bad_row_imports_nothing_and_names_the_row(world, cohort):
    report = import_learners(actor=world["exams"], centre=world.centre,
                             text=csv_for(cohort, 10, bad_row=6), commit=True)
    assert [str(e) for e in report.errors] == [
        "Row 8, date_of_birth: '31/02/2009' is not a date (use YYYY-MM-DD or DD/MM/YYYY)."]
    assert not Learner.objects.filter(centre_ref__startswith="M").exists()


def test_every_bad_row_is_reported(world, cohort):
    text = csv_for(cohort, 3) + "\nM00001,Dup,Row,2009-01-01,NOPE,Nowhere,2026-09-02,not-mail"
    report = import_learners(actor=world["exams"], centre=world.centre, text=text,
                             commit=False)
    messages = [str(e) for e in report.errors]
    assert "Row 5, centre_ref: M00001 appears twice (also row 3)." in messages
    assert any(m.startswith("Row 5, email:") for m in messages)
    assert any(m.startswith("Row 5, cohort: no cohort 'Nowhere'") for m in messages)


def test_importing_the_same_file_twice_changes_nothing(world, cohort):
    text = csv_for(cohort, 10)
    import_learners(actor=world["exams"], centre=world.centre, text=text, commit=True)
    versions = Learner.history.count()
    report = import_learners(actor=world["exams"], centre=world.centre, text=text, commit=True)
    assert (len(report.new), len(report.changed), report.unchanged) == (0, 0, 10)
    assert Learner.history.count() == versions


def test_a_changed_row_updates_with_history(world, cohort):
    import_learners(actor=world["exams"], centre=world.centre, text=csv_for(cohort, 3),
                    commit=True)
    text = csv_for(cohort, 3).replace("Ana1,Lopez", "Ana1,Lopez-Garcia")
    report = import_learners(actor=world["exams"], centre=world.centre, text=text, commit=True)
    assert [r["fields"] for r in report.changed] == [["last_name"]]
    assert Learner.objects.get(centre_ref="M00001").last_name == "Lopez-Garcia"


def test_a_file_missing_columns_is_refused_in_words(world, cohort):
    with pytest.raises(DomainError, match="no column for: date_of_birth"):
        import_learners(actor=world["exams"], centre=world.centre,
                        text="centre_ref,first_name,last_name,programme_code,cohort,enrolled_on",
                        commit=False)
