"""Internal verification deadlines, for the deadline engine (`qmr.deadlines`): briefs to
verify before hand-out, sampled work, remedial actions and the Lead IV's year. Standards
verification has its own module (`verification.standards.deadlines`)."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format

from assessment.models import AssessmentPlan, Assignment, BriefIssue
from qmr.deadlines import owners, registry
from qmr.deadlines.registry import Due
from qmr.models import AcademicYear, SubjectArea
from qmr.roles import Role
from registrations.models import Programme
from verification.checks import brief_problem
from verification.models import (
    BriefVerification,
    DecisionVerification,
    IVSample,
    LeadIVRegistration,
    RemedialAction,
)


def _day(d: date) -> str:
    return date_format(d, "j F Y")


def lead_ivs(centre_id: int, today: date) -> tuple[dict[int, int], dict[int, int]]:
    """The Lead IV of each programme and of each subject area: (programme id -> person,
    subject area id -> person). A programme without its own takes its area's (one query)."""
    found = owners.holders_by_scope(centre_id, Role.LEAD_IV, today)
    programme_type = ContentType.objects.get_for_model(Programme).pk
    area_type = ContentType.objects.get_for_model(SubjectArea).pk
    return ({pk: person for (t, pk), person in found.items() if t == programme_type},
            {pk: person for (t, pk), person in found.items() if t == area_type})


NEWER_PLAN = AssessmentPlan.objects.filter(programme_id=OuterRef("plan__programme_id"),
                                           academic_year_id=OuterRef("plan__academic_year_id"),
                                           version__gt=OuterRef("plan__version"))


def _same_brief(a: Assignment, v: BriefVerification) -> bool:
    """`briefs.verifications_of`'s rule, on records already fetched."""
    other = v.assignment
    return other.pk == a.pk or (
        (other.plan.programme_id, other.title, other.scenario, other.tasks,
         other.evidence_expected) == (a.plan.programme_id, a.title, a.scenario, a.tasks,
                                      a.evidence_expected)
        and {c.pk for c in other.criteria.all()} == {c.pk for c in a.criteria.all()})


@registry.register("verification.brief")
def brief(centre, today: date) -> Iterator[Due]:
    """Briefs of the latest plans of a year under way, not yet handed out, that are not
    approved for issue (`checks.brief_problem`), by the plan's verify-by date. Owner: the
    internal verifier the assignment names, who verifies it (five queries)."""
    assignments = list(Assignment.objects.filter(
        plan__programme__centre=centre, plan__academic_year__ends_on__gte=today,
    ).exclude(Exists(NEWER_PLAN)).exclude(Exists(BriefIssue.objects.filter(
        assignment_id=OuterRef("pk")))).select_related(
        "plan__academic_year", "plan__programme", "internal_verifier").prefetch_related(
        "criteria"))
    if not assignments:
        return
    records: dict[tuple, list[BriefVerification]] = defaultdict(list)
    for v in BriefVerification.objects.filter(
            assignment__plan__programme__centre=centre).select_related(
            "academic_year", "assignment__plan").prefetch_related(
            "actions", "assignment__criteria"):
        records[v.assignment.plan.programme_id, v.assignment.title].append(v)
    for a in sorted(assignments, key=lambda a: (a.verify_brief_by, a.pk)):
        mine = [v for v in records[a.plan.programme_id, a.title] if _same_brief(a, v)]
        if brief_problem(a, mine) is None:
            continue
        yield Due(f"verification.brief:{a.pk}",
                  f"Verify the brief for {a} ({a.plan.programme}) before hand-out on "
                  f"{_day(a.hand_out_on)}", a.verify_brief_by, a.internal_verifier_id,
                  reverse("verification:brief-iv", args=[a.pk]),
                  "The date the assessment plan set for verifying the brief, before it is "
                  "handed out.")


@registry.register("verification.sample")
def sample(centre, today: date) -> Iterator[Due]:
    """Work in the IV sample not yet verified, by the date set when it was chosen (one
    query)."""
    samples = IVSample.objects.filter(
        submission__assignment__plan__programme__centre=centre,
    ).exclude(Exists(DecisionVerification.objects.filter(
        submission_id=OuterRef("submission_id")))).select_related(
        "submission__learner", "submission__assignment")
    for s in samples:
        work = s.submission
        yield Due(f"verification.sample:{s.pk}",
                  f"Verify {work.learner}'s work on {work.assignment}", s.due_on, s.verifier_id,
                  reverse("verification:verify-decision", args=[work.pk]),
                  "The date set when the work was chosen for the sample.")


@registry.register("verification.remedial_action")
def remedial_action(centre, today: date) -> Iterator[Due]:
    """Remedial actions not closed, by their target date. Re-assessing and training fall to
    the assessor whose decision it was; a wider re-sample to the verifier who raised it
    (one query)."""
    actions = RemedialAction.objects.filter(
        closed_at__isnull=True,
        verification__submission__assignment__plan__programme__centre=centre,
    ).select_related("verification__decision", "verification__submission__learner",
                     "verification__submission__assignment")
    for action in actions:
        v = action.verification
        owner = (action.raised_by_id if action.kind == RemedialAction.Kind.RESAMPLE
                 else v.decision.assessor_id)
        yield Due(f"verification.remedial_action:{action.pk}",
                  f"{action.get_kind_display()} ({v.submission.learner}'s work on "
                  f"{v.submission.assignment}): {action.description}", action.due_on, owner,
                  reverse("verification:decision-iv", args=[v.pk]),
                  "The target date the internal verifier set when raising the action.")


@registry.register("verification.lead_iv_registration")
def lead_iv_registration(centre, today: date) -> Iterator[Due]:
    """Each subject area with programmes needs its Lead IV registered and standardised for
    the academic year under way, by the end of that year: no earlier date is held (four
    queries)."""
    year = AcademicYear.objects.filter(centre=centre, starts_on__lte=today,
                                       ends_on__gte=today).first()
    if year is None:
        return
    programmes = list(Programme.objects.filter(centre=centre).values_list(
        "pk", "subject_area_id", "subject_area__name"))
    areas = {area_id: name for _, area_id, name in programmes}
    done = {r.subject_area_id: r for r in LeadIVRegistration.objects.filter(
        subject_area_id__in=list(areas), academic_year=year)}
    by_programme, by_area = lead_ivs(centre.pk, today)
    for pk, area_id, _ in programmes:  # an area without its own Lead IV: a programme's
        if pk in by_programme:
            by_area.setdefault(area_id, by_programme[pk])
    for area_id, name in sorted(areas.items(), key=lambda a: a[1]):
        registration = done.get(area_id)
        if registration is None:
            owner = by_area.get(area_id)
            title = f"Register the Lead IV for {name} with the awarding body for {year}"
        elif registration.standardised_on is None:
            owner = registration.person_id
            title = f"Complete the Lead IV's standardisation for {name} for {year}"
        else:
            continue
        yield Due(f"verification.lead_iv_registration:{area_id}:{year.pk}", title,
                  year.ends_on, owner, reverse("verification:overview"),
                  f"Once a year: by the end of the academic year {year}.")
