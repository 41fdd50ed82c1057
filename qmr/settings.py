"""One settings module, driven by the environment (12-factor).

With nothing set it runs the embedded default: SQLite under var/, Celery tasks in-process,
e-mail to the console, local media, DEBUG for localhost. Setting DATABASE_URL selects
production, where every secret must be given and a missing one stops start-up.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

PRODUCTION = "DATABASE_URL" in env.ENVIRON


def _required(name: str) -> str:
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"{name} must be set in the environment when DATABASE_URL is set (production). "
            f"See docs/deploy.md."
        )
    return value


if PRODUCTION:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
    REDIS_URL = _required("REDIS_URL")
    DEBUG = env.bool("DEBUG", default=False)
    DATABASES = {"default": env.db("DATABASE_URL")}
    # A new connection per request costs several times a page; keep them, but check health.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    VAR_DIR.mkdir(exist_ok=True)
    SECRET_KEY = env.str("SECRET_KEY", default="embedded-default-not-secret-" + "x" * 40)
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
    REDIS_URL = env.str("REDIS_URL", default="")
    DEBUG = env.bool("DEBUG", default=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env.str("SQLITE_PATH", default=str(VAR_DIR / "qmr.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "axes",
    "django_htmx",
    "django_filters",
    "qmr",
    "qmr.framework",
    "qmr.policies",
    "qmr.staff",
    "qmr.meetings",
    "qmr.review",
    "qmr.jobs",
    "qmr.retention",
    "qmr.deadlines",
    "registrations",
    "assessment",
    "verification",
    "appeals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "qmr.security.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "qmr.audit.ActorMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qmr.urls"
WSGI_APPLICATION = "qmr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "qmr.navigation.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "qmr.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "qmr:home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: a school's staff share one public address, so lock the pair
# (account, address), never the address alone.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
if not PRODUCTION:
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # WhiteNoise warns if it is missing
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A strict Content-Security-Policy everywhere, so what is tested is what runs in production.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# Browser features no page uses, refused to every page (qmr.security).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env.str("EMAIL_HOST", default="localhost"),
                "port": env.int("EMAIL_PORT", default=25),
                "username": env.str("EMAIL_HOST_USER", default=""),
                "password": env.str("EMAIL_HOST_PASSWORD", default=""),
                "use_tls": env.bool("EMAIL_USE_TLS", default=False),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="quality@centre.invalid")
# Where the product is served: links in PDFs and e-mails are made absolute against it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Celery: over Redis when REDIS_URL is set; otherwise tasks run in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Recycle a worker process after 50 tasks, or after a task leaves it above 512 MiB (in KiB):
# long PDFs are laid out in child processes, but fragmentation still grows a worker.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=50)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_KIB", default=512 * 1024)
# A job in progress whose worker has reported nothing for this long (seconds) was lost, and
# the five-minute sweep below sends it again (docs/jobs.md).
JOBS_STALLED_AFTER = env.int("JOBS_STALLED_AFTER_SECONDS", default=600)
CELERY_TIMEZONE = TIME_ZONE
# Periodic jobs, each with its timing in words (times are CELERY_TIMEZONE, Europe/London).
CELERY_BEAT_SCHEDULE: dict = {
    # Every Monday at 06:00: record each centre's readiness (how many quality measures are in
    # place, weak, missing or not evidenced) so the readiness page can chart the year. Taking
    # it twice in a day updates that day's row; opening the page also takes one if the last
    # is more than a week old.
    "review-readiness-snapshots-weekly": {
        "task": "qmr.review.tasks.take_readiness_snapshots",
        "schedule": crontab(minute="0", hour="6", day_of_week="mon"),
    },
    # Every five minutes: send again any job (a PDF) that could not be sent to a worker
    # because the broker was down when it was asked for, or whose worker was lost mid-run.
    "jobs-requeue-waiting": {
        "task": "qmr.jobs.tasks.requeue_waiting_jobs",
        "schedule": crontab(minute="*/5"),
    },
    # The 1st of each month at 05:00: list each centre's records past the time the awarding
    # body's rules keep them, and e-mail its Quality Nominee(s) the list once.
    "retention-disposal-lists-monthly": {
        "task": "qmr.retention.tasks.list_due_disposals",
        "schedule": crontab(minute="0", hour="5", day_of_month="1"),
    },
    # Every hour at a quarter past: bring each centre's deadlines up to date from its records
    # and claim the reminders now due (a week before each deadline, and once when it is
    # missed); people who chose immediate reminders are e-mailed straight away.
    "deadlines-refresh-and-sweep": {
        "task": "qmr.deadlines.tasks.refresh_and_sweep",
        "schedule": crontab(minute="15"),
    },
    # Every day at 07:00: the daily digest, one e-mail per person listing the reminders not
    # yet e-mailed to them.
    "deadlines-daily-digest": {
        "task": "qmr.deadlines.tasks.send_digests",
        "schedule": crontab(minute="0", hour="7"),
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# django-guardian stores the grants; qmr.permissions reads them with the appointment dates.
# Guardian's own backend would answer without those dates, so it is deliberately not hooked,
# and guardian's anonymous user is not needed.
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]
ANONYMOUS_USER_NAME = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
