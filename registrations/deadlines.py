"""Registration and certification deadlines, for the deadline engine (`qmr.deadlines`).

Each source reads a centre's records in a fixed number of queries. Work done learner by
learner (registering, entering, claiming, checking certificates) is grouped into one deadline
per cohort, unit or claim and date, so a cohort of 200 is one reminder, not 200."""

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import slugify

from qmr.deadlines import owners, registry
from qmr.deadlines.registry import Due
from qmr.roles import Role
from registrations import rules
from registrations.models import (
    ClaimEntry,
    DeliveryModel,
    ExternalEntry,
    Learner,
    LearnerStatus,
    Programme,
    RegistrationFlag,
    StudentReport,
)


def _day(d: date) -> str:
    return date_format(d, "j F Y")


def _learners(n: int) -> str:
    return f"{n} learner{'' if n == 1 else 's'}"


def _where(owner: int | None, name: str, *args: object) -> str:
    """The Exams Officer's page for the step; none when the centre has no Exams Officer and
    the deadline falls to the Quality Nominee, who may not open it."""
    return reverse(name, args=args) if owner else ""


def _exams_officer(centre_id: int, today: date) -> int | None:
    return owners.first_holders(centre_id, (Role.EXAMS_OFFICER,), today).get(Role.EXAMS_OFFICER)


@registry.register("registrations.registration")
def registration(centre, today: date) -> Iterator[Due]:
    """Learners enrolled on a cohort and not yet registered, by `rules.registration_deadline`
    (three queries: learners, the awarding body's years, the Exams Officer)."""
    learners = list(Learner.objects.filter(
        centre=centre, status=LearnerStatus.ENROLLED, cohort__isnull=False,
    ).select_related("cohort__programme", "cohort__academic_year"))
    years = rules.awarding_body_years({lr.cohort.academic_year.name for lr in learners})
    groups: dict[tuple[int, date], list[Learner]] = defaultdict(list)
    for learner in learners:
        year = years[learner.cohort.academic_year.name]
        groups[learner.cohort_id, rules.registration_deadline(learner, learner.cohort, year)
               ].append(learner)
    owner = _exams_officer(centre.pk, today) if groups else None
    for (cohort_id, due_on), group in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        cohort = group[0].cohort
        year = years[cohort.academic_year.name]
        if cohort.programme.delivery_model == DeliveryModel.OTHER:
            rule = "One month after each learner's enrolment (a roll-on, roll-off programme)."
        elif due_on == year.centre_registration_deadline:
            rule = f"The centre's registration deadline for {year.academic_year}."
        else:
            rule = ("Two weeks after a late arrival's enrolment, which is later than the "
                    f"centre's registration deadline for {year.academic_year}.")
        yield Due(f"registrations.registration:{cohort_id}:{due_on.isoformat()}",
                  f"Register {_learners(len(group))} of {cohort} with the awarding body by "
                  f"{_day(due_on)}", due_on, owner,
                  _where(owner, "registrations:cohort-register", cohort_id), rule)


MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    start=1)}


def series_starts(series: str) -> date | None:
    """The first day of the first month a series names ("May/June 2027": 1 May 2027), or None
    when it names no month and year."""
    year = re.search(r"\b(20\d\d)\b", series)
    month = next((MONTHS[word[:3].lower()] for word in re.findall(r"[A-Za-z]+", series)
                  if word[:3].lower() in MONTHS), None)
    return date(int(year.group(1)), month, 1) if year and month else None


@registry.register("registrations.external_entry")
def external_entry(centre, today: date) -> Iterator[Due]:
    """Entries for external assessment not yet made (the Exams Officer) or not yet checked
    (the programme's Leader), one per unit, series and step. No entry deadline is held, so
    they are due by the start of the series (four queries)."""
    rows = list(ExternalEntry.objects.filter(
        learner__centre=centre, status__in=(ExternalEntry.Status.REQUESTED,
                                            ExternalEntry.Status.ENTERED),
    ).values("unit_id", "unit__number", "unit__title", "unit__programme_id", "series", "status",
             "requested_at__date"))
    groups: dict[tuple[int, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["unit_id"], row["series"], row["status"]].append(row)
    if not groups:
        return
    exams = _exams_officer(centre.pk, today)
    leaders = owners.holders_by_scope(centre.pk, Role.PROGRAMME_LEADER, today)
    programme_type = ContentType.objects.get_for_model(Programme).pk
    for (unit_id, series, status), group in groups.items():
        first = group[0]
        unit = f"Unit {first['unit__number']}: {first['unit__title']}"
        starts = series_starts(series)
        if starts is None:
            due_on = min(r["requested_at__date"] for r in group)
            rule = (f"No entry deadline is held and the series '{series}' names no month, so "
                    f"it is due from the day the entry was asked for.")
        else:
            due_on = starts
            rule = (f"No entry deadline is held: entries must be made and checked before the "
                    f"{series} series begins.")
        if status == ExternalEntry.Status.REQUESTED:
            step, owner = "enter", exams
            title = f"Enter {_learners(len(group))} for {unit} in the {series} series"
        else:
            step = "check"
            owner = leaders.get((programme_type, first["unit__programme_id"]), exams)
            title = f"Check the entries of {_learners(len(group))} for {unit} ({series})"
        # The queue is the Exams Officer's; a Programme Leader checks from the learners' pages.
        url = _where(owner, "registrations:exams-queue") if owner == exams else ""
        yield Due(f"registrations.external_entry:{unit_id}:{slugify(series)}:{step}", title,
                  due_on, owner, url, rule)


CLAIMED = ClaimEntry.objects.filter(learner=OuterRef("pk"), report__kind=StudentReport.Kind.FULL,
                                    claim__confirmed_at__isnull=False)


@registry.register("registrations.claim")
def claim(centre, today: date) -> Iterator[Due]:
    """Registered learners whose course has ended and who are not yet claimed for, by
    `rules.claim_deadline`, one per cohort (or programme, for a learner on none) and date
    (three queries)."""
    completed = (Q(estimated_completion_on__lte=today)
                 | Q(estimated_completion_on__isnull=True, cohort__expected_end_on__lte=today)
                 | Q(estimated_completion_on__isnull=True, cohort__isnull=True,
                     enrolled_on__lte=today - relativedelta(years=1)))
    learners = list(Learner.objects.filter(centre=centre, status=LearnerStatus.REGISTERED)
                    .filter(completed).exclude(Exists(CLAIMED))
                    .select_related("programme", "cohort"))
    years = rules.awarding_body_years({rules.year_name(rules.expected_completion(lr))
                                       for lr in learners if lr.cohort_id}) if learners else {}
    groups: dict[tuple[str, int, date], list[Learner]] = defaultdict(list)
    for learner in learners:
        group = ("cohort", learner.cohort_id) if learner.cohort_id else ("programme",
                                                                         learner.programme_id)
        groups[(*group, rules.claim_deadline(learner, years))].append(learner)
    owner = _exams_officer(centre.pk, today) if groups else None
    for (kind, pk, due_on), group in sorted(groups.items(), key=lambda g: (g[0][2], g[0][1])):
        first = group[0]
        where = first.cohort if kind == "cohort" else first.programme
        if first.cohort_id and first.programme.delivery_model == DeliveryModel.ACADEMIC_YEAR:
            rule = "The awarding body's claims date for the academic year the course ends in."
        else:
            rule = "One month after the learner's expected completion."
        yield Due(f"registrations.claim:{kind}:{pk}:{due_on.isoformat()}",
                  f"Claim certificates for {_learners(len(group))} of {where} by "
                  f"{_day(due_on)}", due_on, owner,
                  _where(owner, "registrations:claims-queue"), rule)


@registry.register("registrations.certificate_check")
def certificate_check(centre, today: date) -> Iterator[Due]:
    """Certificates received and not yet checked against the records, by their stored
    `check_due_on`, one per claim and date (two queries)."""
    rows = list(ClaimEntry.objects.filter(
        learner__centre=centre, certificate_received_on__isnull=False, checked_on__isnull=True,
    ).values("claim_id", "claim__programme__title", "check_due_on"))
    groups: dict[tuple[int, date], list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["claim_id"], row["check_due_on"]].append(row)
    owner = _exams_officer(centre.pk, today) if groups else None
    for (claim_id, due_on), group in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        n = len(group)
        yield Due(f"registrations.certificate_check:{claim_id}:{due_on.isoformat()}",
                  f"Check {n} certificate{'' if n == 1 else 's'} of claim {claim_id} "
                  f"({group[0]['claim__programme__title']}) against the records", due_on, owner,
                  _where(owner, "registrations:claim-detail", claim_id),
                  "Three working days after the certificates were received.")


@registry.register("registrations.awarding_body_date")
def awarding_body_date(centre, today: date) -> Iterator[Due]:
    """The awarding body's dates for the academic year under way that are still to come
    (two queries: the year's dates, the Exams Officer)."""
    name = rules.year_name(today)
    year = rules.awarding_body_years({name})[name]
    stored = year.pk is not None
    dates = [
        ("registration_cutoff", year.registration_cutoff,
         "Last day to register learners with no late fee", "registrations:exams-queue"),
        ("centre_registration_deadline", year.centre_registration_deadline,
         "The centre's deadline for registering learners on academic-year programmes",
         "registrations:exams-queue"),
        ("deletions_by", year.deletions_by, "Last day to delete a registration",
         "registrations:exams-queue"),
        ("results_by", year.results_by, "Results for academic-year programmes are due",
         "registrations:claims-queue"),
        ("claims_by", year.claims_by or date(int(name[:4]) + 1, 7, 31),
         "Last day for certification claims on academic-year programmes",
         "registrations:claims-queue"),
    ] + [(f"late_fee_{band['from']}", date.fromisoformat(band["from"]),
          f"Late registration fees rise to ×{band['multiplier']}", "registrations:exams-queue")
         for band in year.fee_bands]
    upcoming = [d for d in dates if d[1] >= today]
    owner = _exams_officer(centre.pk, today) if upcoming else None
    source = (f"The awarding body's dates for {name}." if stored else
              f"No awarding body dates are entered for {name}: the usual yearly pattern.")
    for field, due_on, title, url in upcoming:
        yield Due(f"registrations.awarding_body_date:{name}:{field}", title, due_on, owner,
                  _where(owner, url), source)


@registry.register("registrations.flag")
def flag(centre, today: date) -> Iterator[Due]:
    """Flagged registrations and claims the Head of Centre has not acknowledged, by the stored
    `acknowledge_by` (two queries)."""
    flags = list(RegistrationFlag.objects.filter(learner__centre=centre,
                                                 acknowledged_at__isnull=True)
                 .select_related("learner"))
    head = owners.first_holders(centre.pk, (Role.HEAD_OF_CENTRE,), today).get(
        Role.HEAD_OF_CENTRE) if flags else None
    for f in flags:
        yield Due(f"registrations.flag:{f.pk}", f"Acknowledge the flag: {f}", f.acknowledge_by,
                  head, reverse("registrations:learner-detail", args=[f.learner_id]),
                  "Two working days after the flag was raised.")
