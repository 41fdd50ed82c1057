"""An import job keeps the uploaded CSV (learners' personal data) only as long as it needs
it: cleared once done or refused; a failed one keeps it so "Try again" works, and is listed
for disposal seven days after it failed."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from qmr.jobs import services as jobs
from qmr.jobs.models import Job
from qmr.retention import services
from registrations import import_jobs, specification

pytestmark = pytest.mark.django_db

GOOD = "code,learning_aim,text\nP1,A,Describe roles.\nP2,A,Explain skills."
BAD = "code,learning_aim,text\nQ9,B,Wrong code."


@pytest.fixture
def unit(world):
    return specification.add_unit(actor=world["leader"], programme=world.programme,
                                  number="3", title="Professional Development",
                                  guided_learning_hours=60, mandatory=True,
                                  externally_assessed=False)


def run_import(world, unit, text, committed):
    with committed():
        job = jobs.request_job(actor=world["leader"], kind=import_jobs.CRITERIA,
                               centre=world.centre, title="Criteria import",
                               params={"csv": text, "programme": world.programme.pk,
                                       "unit": unit.pk})
    job.refresh_from_db()
    return job


def test_a_finished_import_forgets_the_file(world, unit, committed):
    job = run_import(world, unit, GOOD, committed)
    assert job.state == Job.State.DONE
    assert job.params == {"programme": world.programme.pk, "unit": unit.pk}


def test_a_refused_import_forgets_the_file(world, unit, committed):
    job = run_import(world, unit, BAD, committed)
    assert job.state == Job.State.FAILED and job.refused
    assert "csv" not in job.params


def test_a_failed_import_keeps_the_file_for_a_week_then_is_listed(world, unit, committed,
                                                                  monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("The database went away.")

    monkeypatch.setattr(specification, "import_criteria", broken)
    job = run_import(world, unit, GOOD, committed)
    assert job.state == Job.State.FAILED and not job.refused and job.params["csv"] == GOOD
    with pytest.raises(Exception, match="Nothing of this is past its time"):
        services.confirm_disposal(actor=world["nominee"], centre=world.centre,
                                  kind="jobs.upload", pk=job.pk)
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        [done] = services.confirm_disposal(actor=world["nominee"], centre=world.centre,
                                           kind="jobs.upload", pk=job.pk)
    job.refresh_from_db()
    assert "csv" not in job.params and done.reference.startswith(f"Import job #{job.pk}")
