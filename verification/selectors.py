"""Read queries for verification pages: the year's assessed work as sampling candidates, what
the sample covers, and each verifier's work to do."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from assessment import grading
from assessment import selectors as assessment_selectors
from assessment.models import Assignment, CriterionResult, Decision, Submission
from qmr import permissions
from qmr.models import AcademicYear, Appointment, Centre, Site, SubjectArea, User
from qmr.roles import ASSESSMENT_READERS, LEAD_VERIFY, REVIEW_EVIDENCE, VERIFY, VIEW_RECORDS, Role
from registrations.models import Criterion, Programme, Unit
from verification.models import (
    BriefAction,
    BriefVerification,
    DecisionVerification,
    IVSample,
    LeadIVRegistration,
    RemedialAction,
    StandardisationMeeting,
)
from verification.sampling import BANDS, Assessor, Candidate, Coverage, coverage, propose_sample

NEW_ASSESSOR_DAYS = 365  # appointed as assessor within the last year: sampled more


def get_programme_iv_for_user(user: Any, pk: int) -> Programme:
    """The programme's IV page (sample and coverage): its verifiers, and the external Centre
    Quality Reviewer (REVIEW_EVIDENCE), whom the evidence pack sends here. 404 for others."""
    qs = Programme.objects.select_related("centre", "subject_area")
    programme = (permissions.visible(user, VERIFY, qs)
                 | permissions.visible(user, REVIEW_EVIDENCE, qs)).filter(pk=pk).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def current_year(programme: Programme) -> AcademicYear | None:
    today = timezone.localdate()
    years = list(programme.centre.academic_years.all())
    return next((y for y in years if y.contains(today)), years[0] if years else None)


def candidates(programme: Programme,
               year: AcademicYear) -> tuple[list[Candidate], list, set[int]]:
    """The year's assessed work (latest decisions) as sampling candidates, its assessors, and
    which of it has not gone back to the learner yet (five queries)."""
    return candidates_by_programme([programme], year)[programme.pk]


def candidates_by_programme(programmes: list[Programme], year: AcademicYear
                            ) -> dict[int, tuple[list[Candidate], list, set[int]]]:
    """`candidates` for several programmes at once, in the same five queries."""
    current = Decision.objects.filter(superseded_by__isnull=True).prefetch_related(
        Prefetch("results", queryset=CriterionResult.objects.select_related("criterion")))
    work = Submission.objects.filter(
        assignment__plan__programme__in=programmes, assignment__plan__academic_year=year,
    ).select_related("learner", "assignment__plan").prefetch_related(
        Prefetch("decisions", queryset=current, to_attr="current"))
    found: dict[int, list[Candidate]] = {p.pk: [] for p in programmes}
    held: dict[int, set[int]] = {p.pk: set() for p in programmes}
    for s in work:
        if not s.current:
            continue
        decision, programme_id = s.current[0], s.assignment.plan.programme_id
        if decision.released_at is None:
            held[programme_id].add(s.pk)
        results = list(decision.results.all())
        achieved = {r.criterion.code for r in results if r.achieved}
        band = grading.unit_grade(achieved, [(r.criterion.code, r.criterion.band)
                                             for r in results])
        found[programme_id].append(Candidate(
            submission_id=s.pk, assessor_id=decision.assessor_id,
            assignment_id=s.assignment_id,
            unit_ids=frozenset(r.criterion.unit_id for r in results),
            criterion_ids=frozenset(r.criterion_id for r in results),
            site_id=s.learner.site_id, band=band, attempt=s.attempt))
    since = timezone.localdate() - timedelta(days=NEW_ASSESSOR_DAYS)
    ids = {c.assessor_id for rows in found.values() for c in rows}
    new = set(Appointment.objects.filter(person_id__in=ids, role=Role.ASSESSOR,
                                         starts_on__gte=since).values_list("person_id",
                                                                           flat=True))
    return {pk: (rows, [Assessor(i, new=i in new)
                        for i in sorted({c.assessor_id for c in rows})], held[pk])
            for pk, rows in found.items()}


@dataclass
class SampleView:
    programme: Programme
    year: AcademicYear | None
    population: int
    sampled: set[int]
    verified: set[int]
    samples: list[IVSample]  # the year's sample so far: whose work, who verifies it, by when
    proposal: list[int]
    coverage: Coverage | None
    assessors: dict[int, User]
    units: list[Unit]
    open_actions: list[RemedialAction]
    work: dict[int, Submission]  # the proposed and other held work, to name it
    others: list[int]  # work not yet returned that the proposal leaves out: may be added
    criteria: list[Criterion]  # the criteria assessed this year, to name them
    assignment_titles: dict[int, str]
    site_names: dict[int, str]
    returned_only: dict[str, frozenset]  # gaps no work still held could close

    @property
    def to_take(self) -> bool:
        return any(pk not in self.sampled for pk in self.proposal) or bool(self.others)

    @property
    def other_work(self) -> list[tuple[int, Submission | None]]:
        return [(pk, self.work.get(pk)) for pk in self.others]

    @property
    def proposed(self) -> list[tuple[int, Submission | None]]:
        return [(pk, self.work.get(pk)) for pk in self.proposal]

    @property
    def rows(self) -> list[tuple[User, list[tuple[Unit, int]]]]:
        """The assessors × units picture: sampled work per pair."""
        matrix = self.coverage.matrix if self.coverage else {}
        return [(person, [(u, matrix.get((pk, u.pk), 0)) for u in self.units])
                for pk, person in sorted(self.assessors.items(), key=lambda kv: str(kv[1]))]

    @property
    def criteria_rows(self) -> list[tuple[Unit, list[tuple[Criterion, bool]]]]:
        """The criteria-per-unit picture: each criterion assessed this year, and whether the
        sampled or verified work reaches it."""
        covered = self.coverage.covered["criteria"] if self.coverage else frozenset()
        return [(u, [(c, c.pk in covered) for c in self.criteria if c.unit_id == u.pk])
                for u in self.units]

    @property
    def gaps(self) -> list[tuple[str, list[str]]]:
        """What the sampled or verified work does not reach yet, named, by dimension."""
        return self._named(self.coverage.missing) if self.coverage else []

    @property
    def out_of_reach(self) -> list[tuple[str, list[str]]]:
        """Gaps that only work already returned to learners carries: no sample taken now can
        close them, only the next work handed in."""
        return self._named(self.returned_only)

    def _named(self, missing: dict[str, frozenset]) -> list[tuple[str, list[str]]]:
        if not any(missing.values()):
            return []
        numbers = {u.pk: u.number for u in self.units}
        named = [
            ("Assessors", sorted(str(self.assessors[pk]) for pk in missing["assessors"])),
            ("Units", [str(u) for u in self.units if u.pk in missing["units"]]),
            ("Criteria", [f"Unit {numbers[c.unit_id]} {c.code}" for c in self.criteria
                          if c.pk in missing["criteria"]]),
            ("Assignments", sorted(self.assignment_titles[pk]
                                   for pk in missing["assignments"])),
            ("Sites", sorted(self.site_names[pk] for pk in missing["sites"])),
            ("Grade bands", [grading.GRADE_NAMES[b] for b in BANDS if b in missing["bands"]]),
        ]
        return [(label, names) for label, names in named if names]


def sample_view(programme: Programme, *, propose: bool = True) -> SampleView:
    """The year's sample, its coverage and open actions; with `propose` (for those who take
    samples) also the proposed sample and the other work not yet returned."""
    year = current_year(programme)
    found, assessors, held = candidates(programme, year) if year else ([], [], set())
    ids = {c.submission_id for c in found}
    samples = list(IVSample.objects.filter(submission_id__in=ids).select_related(
        "submission__learner", "submission__assignment__assessor", "verifier").order_by(
        "due_on", "pk"))
    sampled = {sample.submission_id for sample in samples}
    verified = set(DecisionVerification.objects.filter(submission_id__in=ids).values_list(
        "submission_id", flat=True))
    # Only work not yet returned can be verified before it goes back: propose from that.
    unreturned = [c for c in found if c.submission_id in held]
    proposal = propose_sample(unreturned, assessors) if unreturned and propose else []
    others = sorted(held - set(proposal) - sampled) if propose else []
    people = User.objects.in_bulk([a.id for a in assessors])
    taught = {u for c in found for u in c.unit_ids}  # units with assessed work this year
    return SampleView(
        programme, year, len(found), sampled, verified, samples, proposal,
        coverage(sampled | verified, found, assessors) if found else None, people,
        list(programme.units.filter(pk__in=taught).order_by("id")),
        list(RemedialAction.objects.filter(
            verification__submission__assignment__plan__programme=programme,
            closed_at__isnull=True).select_related("verification__submission__learner",
                                                   "raised_by")),
        Submission.objects.select_related("learner", "assignment").in_bulk(proposal + others),
        others,
        list(Criterion.objects.filter(pk__in={c for w in found for c in w.criterion_ids})),
        dict(Assignment.objects.filter(pk__in={w.assignment_id for w in found})
             .values_list("pk", "title")),
        dict(Site.objects.filter(pk__in={w.site_id for w in found}).values_list("pk", "name")),
        coverage(sampled | verified | held, found, assessors).missing if found else {})


def my_verifications(user: Any) -> QuerySet[IVSample]:
    """Sampled work waiting for this verifier, soonest first."""
    return IVSample.objects.filter(verifier=user).exclude(
        submission__verifications__isnull=False).select_related(
        "submission__learner", "submission__assignment").order_by("due_on")


def get_sample_for_verifier(user: Any, submission_pk: int) -> Submission:
    submission = permissions.visible(user, VERIFY, Submission.objects.select_related(
        "learner", "assignment__plan__programme__centre", "assignment__assessor")).filter(
        pk=submission_pk).first()
    if submission is None:
        raise Http404("No such work.")
    return submission


def get_action_for_lead(user: Any, pk: int) -> RemedialAction:
    action = permissions.visible(user, LEAD_VERIFY, RemedialAction.objects.select_related(
        "verification__submission__assignment__plan__programme")).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action.")
    return action


@dataclass
class AreaStatus:
    subject_area: Any
    year: AcademicYear | None
    registration: Any
    meetings: int
    not_standardised: list[User]
    open_actions: int
    overdue_actions: int
    lead_ivs: list[User]  # appointed Lead IV of the area: who can be registered

    @property
    def gaps(self) -> list[str]:
        found = []
        if self.registration is None:
            found.append("no Lead IV registered for this year")
        elif self.registration.standardised_on is None:
            found.append("the Lead IV's standardisation is not recorded")
        if self.not_standardised:
            found.append(f"{len(self.not_standardised)} assessors or IVs not standardised")
        if self.overdue_actions:
            found.append(f"{self.overdue_actions} remedial actions overdue")
        return found


def follows_areas(user: Any) -> bool:
    """Whether the person has an IV overview to see (read from their grants, no query)."""
    return bool(permissions.scope_pks(user, VIEW_RECORDS, Centre)
                or permissions.scope_pks(user, LEAD_VERIFY, SubjectArea))


def overview_areas(user: Any) -> QuerySet[SubjectArea]:
    """The subject areas whose IV status the person follows: every area of a centre they read
    centre-wide, and the areas they are Lead IV of."""
    return SubjectArea.objects.filter(
        Q(centre_id__in=permissions.scope_pks(user, VIEW_RECORDS, Centre))
        | Q(pk__in=permissions.scope_pks(user, LEAD_VERIFY, SubjectArea)))


def iv_overview(user: Any) -> list[AreaStatus]:
    """The IV status of every subject area the person follows (`overview_areas`), in a fixed
    number of queries."""
    areas = list(overview_areas(user).select_related("centre").order_by("centre__name", "code"))
    centres = {area.centre_id for area in areas}
    today = timezone.localdate()
    years = {y.centre_id: y for y in AcademicYear.objects.filter(
        centre_id__in=centres, starts_on__lte=today, ends_on__gte=today)}
    registrations = {(r.subject_area_id, r.academic_year_id): r for r in
                     LeadIVRegistration.objects.filter(subject_area__in=areas)
                     .select_related("person", "cover")}
    meetings = list(StandardisationMeeting.objects.filter(subject_area__in=areas)
                    .prefetch_related("participants"))
    programme_area = dict(Programme.objects.filter(subject_area__in=areas)
                          .values_list("pk", "subject_area_id"))
    staff: dict[int, set[int]] = {}
    leads: dict[int, set[int]] = {}
    people = {}
    for a in Appointment.objects.active().filter(
            centre_id__in=centres,
            role__in=[Role.ASSESSOR, Role.INTERNAL_VERIFIER, Role.LEAD_IV]).select_related(
            "person", "scope_type"):
        area = a.scope_id if a.scope_type.model == "subjectarea" else programme_area.get(
            a.scope_id)
        if area is not None:
            staff.setdefault(area, set()).add(a.person_id)
            people[a.person_id] = a.person
            if a.role == Role.LEAD_IV:
                leads.setdefault(area, set()).add(a.person_id)
    actions = list(RemedialAction.objects.filter(
        closed_at__isnull=True,
        verification__submission__assignment__plan__programme__subject_area__in=areas)
        .values_list("verification__submission__assignment__plan__programme__subject_area_id",
                     "due_on"))
    result = []
    for area in areas:
        year = years.get(area.centre_id)
        took_part = {p.pk for m in meetings if m.subject_area_id == area.pk and year
                     and year.contains(m.held_on) for p in m.participants.all()}
        missing = sorted((people[p] for p in staff.get(area.pk, set()) - took_part), key=str)
        open_here = [due for a_id, due in actions if a_id == area.pk]
        result.append(AreaStatus(
            area, year, registrations.get((area.pk, year.pk)) if year else None,
            sum(1 for m in meetings if m.subject_area_id == area.pk and year
                and year.contains(m.held_on)),
            missing, len(open_here), sum(1 for due in open_here if due < today),
            sorted((people[p] for p in leads.get(area.pk, set())), key=str)))
    return result


def area_staff(subject_area: SubjectArea) -> list[User]:
    """Assessors, IVs and Lead IVs in force on the area or its programmes: who can take part
    in its standardisation."""
    programmes = list(Programme.objects.filter(subject_area=subject_area).values_list("pk",
                                                                                     flat=True))
    rows = Appointment.objects.active().filter(
        centre_id=subject_area.centre_id,
        role__in=[Role.ASSESSOR, Role.INTERNAL_VERIFIER, Role.LEAD_IV]).select_related(
        "person", "scope_type")
    return sorted({a.person for a in rows if (a.scope_type.model == "subjectarea"
                                               and a.scope_id == subject_area.pk)
                   or (a.scope_type.model == "programme" and a.scope_id in programmes)},
                  key=str)


# --- IV records and their signatures -----------------------------------------------------------

def get_brief_verification_for_user(user: Any, pk: int) -> BriefVerification:
    """A brief's verification, for whoever may read the brief (its assessor, the programme's
    team, the senior roles)."""
    verification = BriefVerification.objects.filter(pk=pk).first()
    if verification is None:
        raise Http404("No such verification.")
    verification.assignment = assessment_selectors.get_assignment_for_user(
        user, verification.assignment_id)
    return verification


def get_brief_action_for_user(user: Any, pk: int) -> BriefAction:
    action = BriefAction.objects.select_related("verification").filter(pk=pk).first()
    if action is None:
        raise Http404("No such action.")
    action.verification.assignment = assessment_selectors.get_assignment_for_user(
        user, action.verification.assignment_id)
    return action


def _assessment_readable(user: Any, qs: QuerySet, assessor_path: str) -> QuerySet:
    """Rows the person reads as assessment records, or concerns as the assessor."""
    found = qs.filter(**{assessor_path: user.pk})
    for perm in ASSESSMENT_READERS:
        found = found | permissions.visible(user, perm, qs)
    return found


def get_decision_verification_for_user(user: Any, pk: int) -> DecisionVerification:
    """A decision's verification, for the assessor who made the decision and the readers of
    assessment records (never the learner)."""
    verification = _assessment_readable(user, DecisionVerification.objects.select_related(
        "submission__learner", "submission__assignment__plan__programme", "decision__assessor",
        "verifier", "assessor_signed_by", "countersigned_by"), "decision__assessor").filter(
        pk=pk).prefetch_related("checks__criterion", "actions").first()
    if verification is None:
        raise Http404("No such verification.")
    return verification


def decision_verifications_for_user(user: Any, assignment: Assignment
                                    ) -> QuerySet[DecisionVerification]:
    """The IV records of the assignment's sampled decisions the person may read (as
    `get_decision_verification_for_user`), the learner's name order."""
    return _assessment_readable(user, DecisionVerification.objects.filter(
        submission__assignment=assignment), "decision__assessor").order_by(
        "submission__learner__last_name", "submission__learner__first_name", "-verified_at")


@dataclass
class ToSign:
    """IV records waiting for one person's signature or countersignature."""

    briefs: list[BriefVerification]
    decisions: list[DecisionVerification]

    def __len__(self) -> int:
        return len(self.briefs) + len(self.decisions)


def to_sign_as_assessor(user: Any) -> ToSign:
    """Verifications of the person's briefs and decisions they have not signed yet (two
    queries)."""
    return ToSign(
        list(BriefVerification.objects.filter(assignment__assessor=user,
                                              assessor_signed_at__isnull=True)
             .select_related("assignment", "verifier")[:50]),
        list(DecisionVerification.objects.filter(decision__assessor=user,
                                                 assessor_signed_at__isnull=True)
             .select_related("submission__learner", "submission__assignment", "verifier")[:50]))


def to_countersign(user: Any) -> ToSign:
    """Records in the person's Lead IV scope that need their countersignature: not recorded
    by them, not about their own assessment (two queries)."""
    briefs = permissions.visible(user, LEAD_VERIFY, BriefVerification.objects.filter(
        countersignature_needed=True, countersigned_at__isnull=True)).exclude(
        verifier=user).exclude(assignment__assessor=user)
    decisions = permissions.visible(user, LEAD_VERIFY, DecisionVerification.objects.filter(
        countersignature_needed=True, countersigned_at__isnull=True)).exclude(
        verifier=user).exclude(decision__assessor=user)
    return ToSign(list(briefs.select_related("assignment", "verifier")[:50]),
                  list(decisions.select_related("submission__learner", "submission__assignment",
                                                "verifier")[:50]))


def awaiting_others(user: Any) -> ToSign:
    """The person's own IV records still waiting for the assessor's signature or the Lead IV's
    countersignature (two queries)."""
    waiting = Q(assessor_signed_at__isnull=True) | Q(countersignature_needed=True,
                                                     countersigned_at__isnull=True)
    return ToSign(
        list(BriefVerification.objects.filter(waiting, verifier=user)
             .select_related("assignment__assessor")[:50]),
        list(DecisionVerification.objects.filter(waiting, verifier=user)
             .select_related("submission__learner", "submission__assignment",
                             "decision__assessor")[:50]))


def briefs_to_verify(user: Any) -> QuerySet[Assignment]:
    """Briefs naming the person as their internal verifier with no verification of their own
    yet, soonest first (one query). A brief reused from another plan is listed too: its page
    says whether the earlier verification still holds or it must be re-checked."""
    return Assignment.objects.filter(internal_verifier=user, brief_verifications__isnull=True,
                                     deadline__gte=timezone.localdate()).select_related(
        "plan__programme").order_by("verify_brief_by", "pk")


def brief_actions_to_do(user: Any) -> QuerySet[BriefAction]:
    """Actions not yet done on the briefs the person assesses, soonest first (one query)."""
    return BriefAction.objects.filter(verification__assignment__assessor=user,
                                      completed_on__isnull=True).select_related(
        "verification__assignment").order_by("due_on", "pk")
