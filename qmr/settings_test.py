"""Test settings: fast and isolated. PostgreSQL when QMR_TEST_DATABASE_URL is set (as CI does),
otherwise SQLite."""

import tempfile

import environ

from qmr.settings import *  # noqa: F403
from qmr.settings import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = None
MEDIA_ROOT = tempfile.mkdtemp(prefix="qmr-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="qmr-test-static-")
if env.str("QMR_TEST_DATABASE_URL", default=""):
    DATABASES = {"default": environ.Env.db_url_config(env.str("QMR_TEST_DATABASE_URL"))}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
AXES_FAILURE_LIMIT = 3
