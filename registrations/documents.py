"""The student report (what is claimed for a learner: units, grades, points) as a PDF, made as
a background job (qmr.jobs). Read by those who read the report's page."""

from typing import Any

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML

from qmr.jobs import registry
from registrations import selectors
from registrations.models import StudentReport

STUDENT_REPORT = "registrations.student_report"


def _reader(user: Any, job: Any) -> bool:
    try:
        selectors.get_readable(user, StudentReport.objects.all(), job.params.get("report"),
                               "student report")
    except Http404:
        return False
    return True


@registry.register(STUDENT_REPORT, may_read=_reader)
def student_report(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    report = StudentReport.objects.select_related(
        "learner__programme", "learner__centre", "completed_by", "checked_by").get(
        pk=job.params["report"])
    progress(0, 1, "Laying out the pages.")
    html = render_to_string("registrations/pdf/student_report.html", {
        "report": report, "centre": report.learner.centre, "printed_at": timezone.now()})
    content = HTML(string=html, base_url=settings.SITE_URL).write_pdf()
    learner = report.learner
    return f"student-report-{slugify(learner.centre_ref or str(learner.pk))}-{report.pk}.pdf", \
        content
