"""Background jobs: a failure says why and can be tried again, a task delivered twice makes
the file once, and a kind nothing registered fails closed."""

import pytest
from django.urls import reverse

from qmr.jobs import registry, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (sending the job to its task) as each step ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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


@pytest.fixture
def broker_down():
    """Point Celery at a port nothing listens on, and stop running tasks in-process."""
    from qmr.celery import app

    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "task_publish_retry")}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0",
                    task_publish_retry=False)
    fresh_connections(app)
    yield app
    app.conf.update(saved)
    fresh_connections(app)


def fresh_connections(app):
    """Drop the connection pools so the next send connects to the broker configured now."""
    app._pool = None
    app.amqp._producer_pool = None


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
