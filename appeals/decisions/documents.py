"""The appeals log as a PDF, made as a background job (qmr.jobs): the appeals lodged at a
centre in an academic year, the patterns in them and the log's reviews, as the log page
shows them. Read by those who read the log."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML

from appeals.decisions import selectors
from qmr.jobs import registry
from qmr.models import AcademicYear

LOG = "appeals.log"


def _reader(user: Any, job: Any) -> bool:
    return any(c.pk == job.centre_id for c in selectors.log_centres(user))


@registry.register(LOG, may_read=_reader)
def appeals_log(job: Any, progress: registry.Progress) -> tuple[str, bytes]:
    year = AcademicYear.objects.select_related("centre").get(pk=job.params["year"],
                                                             centre_id=job.centre_id)
    progress(0, 2, "Gathering the year's appeals.")
    log = selectors.appeals_log(year.centre, year)
    progress(1, 2, "Laying out the pages.")
    html = render_to_string("appeals/pdf/log.html", {
        "centre": year.centre, "year": year, "log": log, "printed_at": timezone.now()})
    content = HTML(string=html, base_url=settings.SITE_URL).write_pdf()
    return f"appeals-log-{year.centre.number}-{slugify(year.name.replace('/', '-'))}.pdf", content
