"""Background jobs: a failure says why and can be tried again, a task delivered twice makes
the file once, a job whose worker was lost is sent again, and a kind nothing registered fails
closed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from qmr.jobs import registry, services
from qmr.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing():
    calls = []

    @registry.register("tests.failing", may_read=lambda user, job: user == job.requested_by)
    def run(job, progress):
        calls.append(job.pk)
        progress(1, 2, "Half way.")
        if len(calls) == 1:
            raise RuntimeError("The printer is out of paper.")
        return "ok.txt", b"fine"

    yield calls
    registry._kinds.pop("tests.failing")


def test_a_failed_job_says_why_and_can_be_tried_again(client, world, failing, committed):
    with committed():
        job = services.request_job(actor=world["nominee"], kind="tests.failing", title="A test")
    job.refresh_from_db()
    assert job.state == "failed" and job.error == "The printer is out of paper."
    client.force_login(world["nominee"])
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "The printer is out of paper." in page and "Try again" in page
    with committed():
        client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert (job.state, job.attempts, job.filename) == ("done", 2, "ok.txt")


def test_a_task_delivered_twice_makes_the_file_once(world, failing, committed):
    failing.append("first attempt already failed")  # this kind now succeeds
    with committed():
        job = services.request_job(actor=world["nominee"], kind="tests.failing", title="A test")
    services.run(job.pk)  # the broker delivers it again after a worker was lost
    job.refresh_from_db()
    assert job.state == "done" and job.attempts == 1 and len(failing) == 2


def test_a_job_of_an_unknown_kind_fails_closed(world, committed):
    with committed():
        job = services.request_job(actor=world["nominee"], kind="nothing.knows", title="?")
    job.refresh_from_db()
    assert job.state == "failed" and "Nothing knows how to do a job of kind" in job.error


def test_with_the_broker_down_the_job_waits_and_the_page_says_so(client, world, committed,
                                                                 broker_down, failing):
    failing.append("succeeds")
    with committed():
        job = services.request_job(actor=world["nominee"], kind="tests.failing", title="A test")
    job.refresh_from_db()
    assert job.state == "queued" and job.step == services.DELAYED
    client.force_login(world["nominee"])
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "the background worker cannot be reached just now" in page


def test_a_job_whose_worker_went_silent_is_sent_again_and_finished(world, failing, committed,
                                                                   settings):
    failing.append("succeeds")
    job = Job.objects.create(kind="tests.failing", title="A test", requested_by=world["nominee"],
                             state=Job.State.RUNNING, attempts=1, heartbeat_at=timezone.now()
                             - timedelta(seconds=settings.JOBS_STALLED_AFTER + 1))
    with committed():
        assert services.requeue_waiting() == 1
    job.refresh_from_db()
    assert (job.state, job.attempts, job.filename) == ("done", 2, "ok.txt")


def test_a_job_still_reporting_progress_is_left_to_its_worker(world, failing, committed):
    job = Job.objects.create(kind="tests.failing", title="A test", requested_by=world["nominee"],
                             state=Job.State.RUNNING, attempts=1, heartbeat_at=timezone.now())
    with committed():
        assert services.requeue_waiting() == 0
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("running", 1) and failing == []
