"""QO.1.3 and QO.2.4 evidence: staff development recorded this year, and the roles the
framework expects filled today."""

from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from qmr.selectors import current_year
from qmr.staff import chart, selectors


@register("staff.development", "QO.1.3", "CPD and standardisation for every member of staff")
def development(centre) -> Evidence:
    """Met when every member of staff in post has CPD or standardisation recorded this
    academic year; names those who have none."""
    title = "CPD and standardisation for every member of staff"
    year = current_year(centre)
    if year is None:
        return Evidence("QO.1.3", title, Status.MISSING,
                        "The centre has no current academic year, so no training counts.")
    people = list(selectors.staff_list(centre, year))
    none = [p for p in people if not p.cpd_hours]
    link = lambda p: reverse("staff:record", args=[centre.pk, p.pk])  # noqa: E731
    status = (Status.IN_PLACE if people and not none
              else Status.MISSING if len(none) == len(people) else Status.WEAK)
    summary = (f"{len(people) - len(none)} of {len(people)} staff in post have CPD or "
               f"standardisation recorded in {year}.")
    if none:
        summary += " None recorded for: " + ", ".join(p.full_name for p in none) + "."
    records = [Record(f"{p.full_name}: no training recorded in {year}", link(p)) for p in none]
    records += [Record(f"{p.full_name}: {p.cpd_hours.normalize():f} hours in {year}", link(p))
                for p in people if p.cpd_hours]
    return Evidence("QO.1.3", title, status, summary, records)


@register("staff.roles_filled", "QO.2.4", "The roles the framework expects are filled")
def roles_filled(centre) -> Evidence:
    """Met when today's organisation chart has no vacant expected role (Head of Centre,
    Quality Nominee, Exams Officer, a Lead IV per subject area, a leader per programme)."""
    title = "The roles the framework expects are filled"
    today = timezone.localdate()
    vacancies = chart.org_chart(centre, today).vacancies
    url = reverse("staff:org-chart", args=[centre.pk])
    if not vacancies:
        return Evidence("QO.2.4", title, Status.IN_PLACE,
                        "Every role the framework expects is filled today.",
                        [Record(f"Organisation chart, {today:%d %B %Y}", url)])
    senior = [v for v in vacancies if v.startswith("No ")]
    return Evidence(
        "QO.2.4", title, Status.MISSING if senior else Status.WEAK,
        f"{len(vacancies)} expected role{'s' if len(vacancies) != 1 else ''} vacant today: "
        + "; ".join(vacancies) + ".",
        [Record(f"Vacant: {v}", url) for v in vacancies]
        + [Record(f"Organisation chart, {today:%d %B %Y}", url)])
