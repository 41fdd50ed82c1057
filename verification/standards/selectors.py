"""Read queries for standards verification pages, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from assessment import grading
from assessment.models import CriterionResult, Decision, Submission
from qmr import permissions
from qmr.models import AcademicYear, Appointment, Centre, User
from qmr.roles import LEAD_VERIFY, PREPARE_REVIEW, VIEW_RECORDS, Role
from qmr.selectors import current_year
from registrations.models import Learner, LearnerStatus, Programme, Unit
from verification.models import CriterionCheck, DecisionVerification
from verification.standards import access
from verification.standards.models import SampleRound, StandardsVerification, SVAction
from verification.standards.sizes import Size, sample_size
from verification.standards.state import State, state_of

ON_PROGRAMME = (LearnerStatus.ENROLLED, LearnerStatus.REGISTERED)


def get_programme_for_sv_page(user: Any, pk: int) -> Programme:
    """The Lead IV's or the Quality Nominee's programme; 404 for anyone else."""
    qs = Programme.objects.select_related("centre", "subject_area")
    programme = (permissions.visible(user, LEAD_VERIFY, qs)
                 | permissions.visible(user, PREPARE_REVIEW, qs)).filter(pk=pk).first()
    if programme is None:
        raise Http404("No such programme.")
    return programme


def get_sample_for_user(user: Any, pk: int) -> SampleRound:
    """A sample round its programme's Lead IV, Quality Nominee or standards verifier may act
    on (the verifier: within the access rule); 404 for anyone else."""
    qs = SampleRound.objects.select_related("standards_verification__programme__centre")
    found = (permissions.visible(user, LEAD_VERIFY, qs)
             | permissions.visible(user, PREPARE_REVIEW, qs)
             | access.current_rounds(user).select_related(
                 "standards_verification__programme__centre")).filter(pk=pk).first()
    if found is None:
        raise Http404("No such sample.")
    return found


def get_action_for_user(user: Any, pk: int) -> SVAction:
    qs = SVAction.objects.select_related("sample__standards_verification__programme")
    action = (permissions.visible(user, LEAD_VERIFY, qs)
              | permissions.visible(user, PREPARE_REVIEW, qs)).filter(pk=pk).first()
    if action is None:
        raise Http404("No such action.")
    return action


def _rounds() -> Prefetch:
    return Prefetch("rounds", queryset=SampleRound.objects.prefetch_related(
        "units", Prefetch("learners", queryset=Learner.objects.order_by("last_name",
                                                                         "first_name")),
        Prefetch("actions", queryset=SVAction.objects.select_related("raised_by",
                                                                     "closed_by"))))


def suggest(work: list[tuple[int, str, int]], n: int) -> list[int]:
    """Pick `n` learners spread across grades and assessors: take one learner from each
    (grade, assessor) group in turn, highest grades first. `work` is (learner, grade,
    assessor) rows, one per learner."""
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for learner, grade, assessor in work:
        groups[(-grading.ORDER[grade], assessor)].append(learner)
    queues = [groups[k] for k in sorted(groups)]
    chosen: list[int] = []
    while len(chosen) < n and any(queues):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return chosen


def assessed_work(programme: Programme, unit_ids: set[int]) -> list[tuple[int, str, int]]:
    """(learner, grade, assessor) of each learner's first assessed work in the units, from
    the latest decisions (two queries)."""
    current = Decision.objects.filter(superseded_by__isnull=True).prefetch_related(
        Prefetch("results", queryset=CriterionResult.objects.select_related("criterion")))
    work = Submission.objects.filter(
        assignment__plan__programme=programme, assignment__criteria__unit__in=unit_ids,
        learner__status__in=ON_PROGRAMME).distinct().order_by(
        "learner__last_name", "learner__first_name", "pk").prefetch_related(
        Prefetch("decisions", queryset=current, to_attr="current"))
    rows, seen = [], set()
    for s in work:
        if not s.current or s.learner_id in seen:
            continue
        seen.add(s.learner_id)
        results = [r for r in s.current[0].results.all() if r.criterion.unit_id in unit_ids]
        grade = grading.unit_grade({r.criterion.code for r in results if r.achieved},
                                   [(r.criterion.code, r.criterion.band) for r in results])
        rows.append((s.learner_id, grade, s.current[0].assessor_id))
    return rows


def units_with_work(programme: Programme) -> set[int]:
    """Internally assessed units of the programme with assessed work (one query)."""
    return set(Submission.objects.filter(
        assignment__plan__programme=programme, decisions__isnull=False,
        assignment__criteria__unit__externally_assessed=False).values_list(
        "assignment__criteria__unit_id", flat=True))


@dataclass
class ProgrammePage:
    programme: Programme
    year: AcademicYear | None
    sv: StandardsVerification | None
    state: State
    verifiers: list[User]
    units: list[Unit]
    learners: list[Learner]
    size: Size | None
    chosen_units: set[int] = field(default_factory=set)
    suggested: list[int] = field(default_factory=list)
    grades: dict[int, str] = field(default_factory=dict)

    @property
    def learner_rows(self) -> list[tuple[Learner, str | None]]:
        """Each learner with the grade of their assessed work in the chosen units, if any."""
        return [(lr, self.grades.get(lr.pk)) for lr in self.learners]

    @property
    def chosen(self) -> list[Unit]:
        return [u for u in self.units if u.pk in self.chosen_units]

    @property
    def default_window(self) -> tuple[date, date] | None:
        """January to mid-May, as the awarding body's recent cycles run."""
        if self.year is None:
            return None
        spring = self.year.ends_on.year
        return date(spring, 1, 1), date(spring, 5, 15)


def programme_page(programme: Programme, unit_ids: set[int] | None = None) -> ProgrammePage:
    """The Lead IV's standards verification page for the current year, with the learners the
    product suggests for a sample of the chosen units (by default every unit with work)."""
    year = current_year(programme.centre_id)
    sv = None
    if year is not None:
        sv = StandardsVerification.objects.filter(programme=programme, academic_year=year) \
            .select_related("verifier", "recorded_by").prefetch_related(_rounds()).first()
    state = state_of(sv.rounds.all() if sv else [])
    verifiers = sorted({a.person for a in Appointment.objects.active().filter(
        role=Role.STANDARDS_VERIFIER, scope_id=programme.pk,
        scope_type=ContentType.objects.get_for_model(Programme)).select_related("person")},
        key=str)
    units = list(programme.units.filter(externally_assessed=False).order_by("id"))
    learners = list(Learner.objects.filter(programme=programme, status__in=ON_PROGRAMME)
                    .order_by("last_name", "first_name"))
    page = ProgrammePage(programme, year, sv, state, verifiers, units, learners,
                         sample_size(sv.control_level, len(learners)) if sv else None)
    if sv and state.may_request:
        page.chosen_units = ({u.pk for u in units} & (unit_ids or set())
                             or units_with_work(programme))
        work = assessed_work(programme, page.chosen_units)
        page.suggested = suggest(work, page.size.learners)
        page.grades = {learner: grade for learner, grade, _ in work}
    return page


@dataclass
class ProgrammeStatus:
    programme: Programme
    sv: StandardsVerification | None
    state: State
    open_actions: int
    overdue_actions: int


def sv_overview(user: Any) -> list[ProgrammeStatus]:
    """Every programme's standards verification this year at the centres the person reads
    centre-wide (four queries)."""
    centres = permissions.scope_pks(user, VIEW_RECORDS, Centre)
    programmes = list(Programme.objects.filter(centre_id__in=centres).select_related("centre")
                      .order_by("centre__name", "title"))
    today = timezone.localdate()
    records = {sv.programme_id: sv for sv in StandardsVerification.objects.filter(
        programme__in=programmes, academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today).select_related("verifier").prefetch_related(
        Prefetch("rounds", queryset=SampleRound.objects.prefetch_related("actions")))}
    rows = []
    for p in programmes:
        sv = records.get(p.pk)
        rounds = list(sv.rounds.all()) if sv else []
        open_ = [a for r in rounds for a in r.actions.all() if a.closed_at is None]
        rows.append(ProgrammeStatus(p, sv, state_of(rounds), len(open_),
                                    sum(1 for a in open_ if a.due_on < today)))
    return rows


# --- The standards verifier's pages (through `access`: the one rule) ------------------------

def sv_samples(user: Any) -> list[SampleRound]:
    """The samples the person may read now, with their units and learners."""
    return list(access.current_rounds(user).select_related(
        "standards_verification__programme__centre", "standards_verification__academic_year",
        "standards_verification__verifier").prefetch_related(
        "units", Prefetch("learners", queryset=Learner.objects.order_by("last_name",
                                                                         "first_name")))
        .order_by("standards_verification__programme__title", "number"))


def _work_details(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    """Work with its files, decisions (newest first) and results, and IV records."""
    return qs.select_related("assignment__plan__programme", "assignment__assessor",
                             "learner").prefetch_related(
        "files", "assignment__criteria",
        Prefetch("decisions", queryset=Decision.objects.select_related("assessor")
                 .prefetch_related(Prefetch("results", queryset=CriterionResult.objects
                                            .select_related("criterion")))),
        Prefetch("verifications", queryset=DecisionVerification.objects.select_related(
            "verifier").prefetch_related(Prefetch("checks", queryset=CriterionCheck.objects
                                                  .select_related("criterion"))))
    ).order_by("assignment__deadline", "pk")


def sv_learner_work(user: Any, learner: Learner) -> list[Submission]:
    """The learner's work for the units sampled with them."""
    return list(_work_details(access.sampled_work(user).filter(learner=learner)))


def sv_work(user: Any, pk: int) -> Submission:
    submission = _work_details(access.sampled_work(user)).filter(pk=pk).first()
    if submission is None:
        raise Http404("No such work in your sample.")
    return submission
