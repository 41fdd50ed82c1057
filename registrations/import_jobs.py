"""The CSV imports as background jobs (qmr.jobs): the page stores the uploaded text in the
job, the job runs the import service (all rows or none) and returns a short report. A file
with bad rows fails the job with every row's message, one per line, and imports nothing.
Read by the person who asked, or by anyone who may do that import now.

The uploaded text is learners' personal data: it is cleared from the job once the import is
done or refused (`forget_upload`). A job that failed otherwise keeps it so "Try again" works;
the retention rules (registrations/retention.py) list it for disposal seven days later."""

from typing import Any

from qmr import permissions
from qmr.errors import DomainError
from qmr.jobs import registry
from qmr.jobs.models import Job
from qmr.roles import MANAGE_REGISTRATIONS
from registrations import importing, specification
from registrations.models import Programme, Unit

LEARNERS = "registrations.learner_import"
CRITERIA = "registrations.criteria_import"
REPORT = "import-report.txt"
SHOWN_ERRORS = 15  # job.error keeps 2,000 characters: name the first rows, count the rest


def recent(user: Any, kind: str, **scope: Any) -> list[Job]:
    """The person's last five jobs of this kind, for the import page."""
    return list(Job.objects.filter(kind=kind, requested_by=user, **scope)[:5])


def _refusal(messages: list[str]) -> DomainError:
    shown = messages[:SHOWN_ERRORS]
    more = len(messages) - len(shown)
    lines = [f"Nothing was imported: {len(messages)} problem{'s' if len(messages) != 1 else ''}"
             f" in the file. Correct it and upload it again.", *shown]
    if more:
        lines.append(f"... and {more} more.")
    return DomainError("\n".join(lines))


UPLOAD = "csv"  # the params key holding the uploaded text


def forget_upload(job: Any) -> None:
    """Clear the uploaded text from the job's params, keeping the rest."""
    job.params = {k: v for k, v in job.params.items() if k != UPLOAD}
    Job.objects.filter(pk=job.pk).update(params=job.params)


def _learner_reader(user: Any, job: Any) -> bool:
    return job.requested_by_id == user.pk or (
        job.centre is not None and permissions.can(user, MANAGE_REGISTRATIONS, job.centre))


@registry.register(LEARNERS, may_read=_learner_reader)
def learner_import(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    centre = job.centre
    report = importing.import_learners(actor=job.requested_by, centre=centre,
                                       text=job.params[UPLOAD], commit=True, progress=progress)
    forget_upload(job)
    if not report.ok:
        raise _refusal([str(e) for e in report.errors])
    text = (f"Learners imported into {centre.name}: {len(report.new)} new, "
            f"{len(report.changed)} changed, {report.unchanged} unchanged.\n")
    return REPORT, text.encode()


def _criteria_reader(user: Any, job: Any) -> bool:
    if job.requested_by_id == user.pk:
        return True
    programme = Programme.objects.filter(pk=job.params.get("programme")).first()
    return programme is not None and specification.may_edit(user, programme)


@registry.register(CRITERIA, may_read=_criteria_reader)
def criteria_import(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    unit = Unit.objects.select_related("programme__centre").get(
        pk=job.params["unit"], programme_id=job.params["programme"])
    try:
        created = specification.import_criteria(actor=job.requested_by, unit=unit,
                                                text=job.params[UPLOAD], progress=progress)
    except DomainError as e:
        forget_upload(job)
        raise _refusal(str(e).splitlines()) from None
    forget_upload(job)
    text = f"{len(created)} criteria imported into {unit}: " \
           f"{', '.join(c.code for c in created)}.\n"
    return REPORT, text.encode()
