"""Importing learners from the management information system: all rows or none, every bad
row named, and the same file twice changes nothing. The page runs it as a background job."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qmr.errors import DomainError
from qmr.jobs.models import Job
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


def upload(client, user, centre, text, committed):
    """POST the file as `user`, follow to the job's page: (job, what the page says)."""
    client.force_login(user)
    with committed():
        response = client.post(reverse("registrations:learner-import", args=[centre.pk]),
                               {"file": SimpleUploadedFile("mis.csv", text.encode())})
    job = Job.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == reverse("jobs:detail", args=[job.pk])
    page = client.get(response.url).content.decode()
    job.refresh_from_db()
    return job, page


def test_it_previews_without_writing(world, cohort):
    report = import_learners(actor=world["exams"], centre=world.centre,
                             text=csv_for(cohort, 10), commit=False)
    assert report.ok and len(report.new) == 10
    assert not Learner.objects.filter(centre_ref__startswith="M").exists()


def test_it_imports_every_row(client, world, cohort, committed):
    job, page = upload(client, world["exams"], world.centre, csv_for(cohort, 10), committed)
    assert job.state == "done" and "Download import-report.txt" in page
    report = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"10 new, 0 changed, 0 unchanged" in b"".join(report.streaming_content)
    imported = Learner.objects.filter(centre_ref__startswith="M")
    assert imported.count() == 10
    assert Learner.history.filter(centre_ref__startswith="M", history_type="+",
                                  history_user=world["exams"]).count() == 10


def test_one_bad_row_imports_nothing_and_names_the_row(client, world, cohort, committed):
    job, page = upload(client, world["exams"], world.centre, csv_for(cohort, 10, bad_row=6),
                       committed)
    assert job.state == "failed" and job.refused  # the file was refused, nothing broke
    assert job.error.splitlines()[1:] == [
        "Row 8, date_of_birth: '31/02/2009' is not a date (use YYYY-MM-DD or DD/MM/YYYY)."]
    assert "Nothing was imported: 1 problem in the file." in page
    assert "Refused: nothing was changed." in page and "Try again" not in page
    assert "Import learners: correct it and try again" in page
    assert "<br>Row 8, date_of_birth: &#x27;31/02/2009&#x27; is not a date" in page
    assert not Learner.objects.filter(centre_ref__startswith="M").exists()


def test_five_thousand_learners_import_as_a_job_with_progress(client, world, cohort,
                                                                committed):
    job, page = upload(client, world["exams"], world.centre, csv_for(cohort, 5000), committed)
    assert (job.state, job.total, job.done) == ("done", 5000, 5000)
    assert Learner.objects.filter(centre_ref__startswith="M").count() == 5000


def test_every_bad_row_is_named_on_the_job_page(client, world, cohort, committed):
    text = csv_for(cohort, 3) + "\nM00001,Dup,Row,2009-01-01,NOPE,Nowhere,2026-09-02,not-mail"
    job, page = upload(client, world["exams"], world.centre, text, committed)
    assert "Row 5, centre_ref: M00001 appears twice (also row 3).<br>" in page
    assert job.error.count("\nRow 5, ") == 3 and not Learner.objects.filter(
        centre_ref__startswith="M").exists()


def test_outsider_gets_404_on_the_job_page(client, world, cohort, committed):
    job, _ = upload(client, world["exams"], world.centre, csv_for(cohort, 3), committed)
    client.force_login(world["outsider"])
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_page_lists_my_recent_imports(client, world, cohort, committed):
    for _ in range(6):
        upload(client, world["exams"], world.centre, csv_for(cohort, 2), committed)
    page = client.get(reverse("registrations:learner-import", args=[world.centre.pk]))
    assert page.content.decode().count("Learner import: mis.csv") == 5
    assert "Ready" in page.content.decode()


def test_a_file_that_is_not_csv_is_refused_on_the_page(client, world):
    client.force_login(world["exams"])
    response = client.post(reverse("registrations:learner-import", args=[world.centre.pk]),
                           {"file": SimpleUploadedFile("mis.xlsx", b"x")})
    assert "Choose a .csv file" in response.content.decode() and not Job.objects.exists()


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
