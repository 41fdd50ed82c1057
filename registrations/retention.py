"""Registrations' retention rules (see `qmr.retention.registry`), and the date most rules
run from: the learner's certification, the latest certificate the awarding body sent for
them (`ClaimEntry.certificate_received_on`). A learner with none is not yet certified, and
their records are kept.

- Employer involvement records: three years after the certification of the last learner
  recorded on the activity (as its page says); disposal removes who took part and their
  notes, and keeps the activity itself (QO.7.1).
- Uploaded import files: the learner and criteria CSVs a job keeps in its params. They are
  cleared when the import is done or refused; a failed one keeps its file so "Try again"
  works, and is due for disposal seven days after it failed."""

from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import OuterRef, Subquery
from django.db.models.functions import TruncDate

from qmr.jobs.models import Job
from qmr.retention import registry
from qmr.retention.registry import START, Rule
from registrations import import_jobs
from registrations.employer_involvement.models import EmployerActivity, Participation
from registrations.models import ClaimEntry

THREE_YEARS = relativedelta(years=3)


def not_certified(kept: str) -> str:
    """The guard's refusal while the learner is not yet certified."""
    return f"{kept}, and this learner is not yet certified: this one is kept until then."


def certified_on(learner: str = "learner") -> Subquery:
    """The learner's certification day, for a queryset whose `learner` path is given."""
    return Subquery(ClaimEntry.objects.filter(
        learner=OuterRef(learner), certificate_received_on__isnull=False)
        .order_by("-certificate_received_on").values("certificate_received_on")[:1])


def _last_certificate(qs: Any) -> Any:
    return qs.annotate(**{START: Subquery(ClaimEntry.objects.filter(
        learner__employer_participations__activity=OuterRef("pk"),
        certificate_received_on__isnull=False).order_by("-certificate_received_on")
        .values("certificate_received_on")[:1])})


def _dispose_activity(activity: EmployerActivity) -> str:
    n = activity.participations.count()
    activity.participations.all().delete()
    return (f"Who took part ({n} learner{'s' if n != 1 else ''}) and the notes on them; the "
            f"activity itself is kept.")


def _dispose_upload(job: Job) -> str:
    import_jobs.forget_upload(job)
    return "The uploaded file's text (the learners' details it held)."


def _describe_upload(job: Job) -> str:
    what = "learners" if job.kind == import_jobs.LEARNERS else "criteria"
    return f"Import job #{job.pk} ({what}), failed {job.finished_at:%-d %B %Y}"


registry.register(Rule(
    kind="registrations.employer_involvement", label="Employer involvement records",
    model=EmployerActivity, guarded=(EmployerActivity, Participation),
    owner=lambda i: i if isinstance(i, EmployerActivity) else i.activity,
    centre="programme__centre", starts=_last_certificate, period=THREE_YEARS,
    kept="Employer involvement records are kept until three years after the learners' "
         "certification",
    why="The awarding body may ask for evidence of employer involvement in the "
        "programme until three years after its learners were certificated.",
    not_started="Employer involvement records are kept until three years after the "
                "learners' certification, and none of its learners is certified yet: "
                "this one is kept until then.",
    dispose=_dispose_activity, related=("programme", "academic_year"),
    describe=lambda a: f"Employer activity #{a.pk}, {a.programme.code}, {a.academic_year}"))
registry.register(Rule(
    kind="jobs.upload", label="Uploaded import files", model=Job, centre="centre",
    due_filter={"kind__in": (import_jobs.LEARNERS, import_jobs.CRITERIA),
                "state": Job.State.FAILED, "refused": False, "params__has_key": import_jobs.UPLOAD},
    starts=lambda qs: qs.annotate(**{START: TruncDate("finished_at")}),
    period=relativedelta(days=7),
    kept="An import file that failed is kept for seven days so it can be tried again",
    why="Learners' personal data is kept no longer than needed: an import that failed "
        "keeps its file for a week so “Try again” works.",
    not_started="", dispose=_dispose_upload,
    describe=_describe_upload))
