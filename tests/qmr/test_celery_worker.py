"""A task goes through Redis to a real Celery worker that this test starts and stops."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("QMR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.worker


@pytest.fixture
def worker():
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.ConnectionError as e:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is needed in CI and is not reachable at {REDIS_URL}: {e}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "qmr.settings"}
    env.pop("DATABASE_URL", None)
    celery = Path(sys.executable).with_name("celery")
    proc = subprocess.Popen(
        [str(celery), "-A", "qmr", "worker", "--pool=solo", "--concurrency=1",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_a_task_round_trips_through_redis_to_a_worker(worker):
    from celery import Celery

    client = Celery("qmr-test", broker=REDIS_URL, backend=REDIS_URL)
    token = uuid.uuid4().hex
    started = time.monotonic()
    result = client.send_task("qmr.tasks.ping", args=[token])
    assert result.get(timeout=60) == f"pong:{token}"
    assert time.monotonic() - started < 60
