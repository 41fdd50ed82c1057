"""The Celery app. Over Redis in production; in the embedded default tasks run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qmr.settings")

app = Celery("qmr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
