"""A real Celery worker killed in the middle of laying out an evidence pack: the job, left in
progress, is sent again once its heartbeat is stale (`requeue_waiting`, run by beat every five
minutes; here sent by hand, with the threshold shortened), and a new worker finishes it with
its file. The worker and this test share a SQLite file; Redis carries the tasks."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("QMR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
STALLED_AFTER = 3  # seconds without progress before a job in progress counts as lost

pytestmark = pytest.mark.worker

ASK_FOR_THE_PACK = """
from datetime import date
from qmr.jobs import services
from qmr.models import AcademicYear, Centre, User
from qmr.review import documents
from qmr.review.models import CycleDefinition, ReviewCycle
centre = Centre.objects.create(number="99002", name="Worker Test College")
year = AcademicYear.objects.create(centre=centre, name="2026/27", starts_on=date(2026, 9, 1),
                                   ends_on=date(2027, 8, 31))
cycle = ReviewCycle.objects.create(centre=centre, academic_year=year,
                                   definition=CycleDefinition.objects.get(version__slug="qmr-2016-17"))
nominee = User.objects.create_user("nominee@worker.example", full_name="Quality Nominee")
services.request_job(actor=nominee, kind=documents.PACK, title="Evidence pack", centre=centre,
                     params={"cycle": cycle.pk})
"""


@pytest.fixture
def site(tmp_path):
    """A migrated SQLite file and media folder that this test and the workers share."""
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()  # no task left over from an earlier run
    except redis.ConnectionError as e:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is needed in CI and is not reachable at {REDIS_URL}: {e}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "qmr.settings",
           "SQLITE_PATH": str(tmp_path / "db.sqlite3"), "MEDIA_ROOT": str(tmp_path / "media"),
           "JOBS_STALLED_AFTER_SECONDS": str(STALLED_AFTER), "DEBUG": "false"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity=0"], cwd=ROOT, env=env,
                   check=True)
    return env, tmp_path


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    """The production worker (prefork, one process), in a process group of its own."""
    celery = Path(sys.executable).with_name("celery")
    with log.open("w") as out:
        return subprocess.Popen(
            [str(celery), "-A", "qmr", "worker", "--concurrency=1", "--without-gossip",
             "--without-mingle", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(tmp_path: Path, condition: Callable[[tuple], bool], timeout: float) -> tuple:
    """The job's row once it meets the condition (polled five times a second)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = the_job(tmp_path)
        if condition(job):
            return job
        time.sleep(0.2)
    logs = "".join(p.read_text()[-2000:] for p in sorted(tmp_path.glob("worker-*.log")))
    pytest.fail(f"Not reached within {timeout} s; the job: {job}; the workers said:\n{logs}")


def the_job(tmp_path: Path) -> tuple:
    with sqlite3.connect(tmp_path / "db.sqlite3", timeout=20) as db:
        return db.execute("SELECT state, step, attempts, file FROM jobs_job").fetchone()


def test_a_pack_whose_worker_is_killed_mid_render_is_finished_by_another(site):
    env, tmp_path = site
    subprocess.run([sys.executable, "manage.py", "shell", "-c", ASK_FOR_THE_PACK], cwd=ROOT,
                   env=env, check=True)
    first = start_worker(env, tmp_path / "worker-1.log")
    workers = [first]
    try:
        wait_for(tmp_path, lambda job: job[0] == "running"
                 and job[1].startswith("Laying out the pages of"), timeout=300)
        os.killpg(first.pid, signal.SIGKILL)  # the worker, its pool and the layout children
        first.wait(timeout=20)
        state, step, attempts, file = the_job(tmp_path)
        assert (state, attempts, file) == ("running", 1, "")
        workers.append(start_worker(env, tmp_path / "worker-2.log"))
        time.sleep(STALLED_AFTER + 1)  # the job says nothing: its heartbeat goes stale
        subprocess.run([sys.executable, "-c", "from qmr.celery import app; app.send_task("
                        "'qmr.jobs.tasks.requeue_waiting_jobs')"], cwd=ROOT, env=env, check=True)
        state, step, attempts, file = wait_for(
            tmp_path, lambda job: job[0] in ("done", "failed"), timeout=300)
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=30)
    assert (state, step, attempts) == ("done", "The file is ready to download.", 2)
    assert (tmp_path / "media" / file).read_bytes().startswith(b"%PDF")
