"""What the job tests share: a broker that is down (on-commit callbacks: tests/conftest.py)."""

import pytest


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
