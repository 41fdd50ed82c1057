"""Pre-claim eligibility: for every learner of a cohort, can a claim be made now, and if not,
why, in words; with the claim deadline and the days left.

Registrations' own claim checks live here (registered from RegistrationsConfig.ready()): the
learner is registered, the registration is old enough (a warning), and no certification block
is in force on the centre (`qmr.blocks`, asked directly: the block is a qmr record). The other
apps' checks come through `claim_checks`; `eligibility()` asks them all once for the cohort, so
the page reads the same number of queries for 30 learners as for 300.

A withdrawn learner cannot be claimed for the full qualification; for unit certification, the
route for a learner who leaves early, their withdrawal is a warning only.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from qmr.blocks import open_block
from qmr.roles import (
    DECIDE_APPEALS,
    LEAD_VERIFY,
    MANAGE_REGISTRATIONS,
    PREPARE_REVIEW,
    SIGN_CLASS_LIST,
    SIGN_DECLARATION,
)
from registrations import claim_checks, rules
from registrations.claim_checks import Achievement, ClaimScope, Finding
from registrations.models import Cohort, Learner, LearnerStatus

# Who reads the eligibility page: the programme's leader and Lead IV, the Exams Officer, the
# Quality Nominee and the centre's senior leaders (senior managers, Head of Centre).
ELIGIBILITY_READERS = (SIGN_CLASS_LIST, LEAD_VERIFY, MANAGE_REGISTRATIONS, PREPARE_REVIEW,
                       DECIDE_APPEALS, SIGN_DECLARATION)

EARLY_CLAIM = timedelta(weeks=10)


# --- Registrations' claim checks -------------------------------------------------------------

def registered(learners: Sequence[Learner], scope: ClaimScope) -> dict[int, list[Finding]]:
    """Only a registered learner can be claimed for; a withdrawn one only for units achieved
    before leaving (a warning then). No query."""
    found = {}
    for learner in learners:
        if learner.status == LearnerStatus.ENROLLED:
            found[learner.pk] = [Finding("Not registered with the awarding body yet.")]
        elif learner.status == LearnerStatus.TRANSFERRED:
            found[learner.pk] = [Finding("Transferred out: the programme or centre they moved "
                                         "to claims for them.")]
        elif learner.status == LearnerStatus.WITHDRAWN and scope.full:
            found[learner.pk] = [Finding("Withdrawn: only unit certification can be claimed "
                                         "for a learner who has left.")]
        elif learner.status == LearnerStatus.WITHDRAWN:
            found[learner.pk] = [Finding("Withdrawn: claim only units achieved before they "
                                         "left.", refuses=False)]
    return found


def registration_age(learners: Sequence[Learner], scope: ClaimScope) -> dict[int, list[Finding]]:
    """A registration less than ten weeks old: an early claim, which the awarding body may
    question. A warning, not a refusal. No query."""
    today = timezone.localdate()
    found = {}
    for learner in learners:
        on = learner.registered_on
        if learner.status == LearnerStatus.REGISTERED and on and today - on < EARLY_CLAIM:
            weeks = (today - on).days // 7
            found[learner.pk] = [Finding(
                f"Registered on {on:%d %B %Y}, {weeks} week{'s' if weeks != 1 else ''} ago: a "
                f"claim less than ten weeks after registration is an early claim, which the "
                f"awarding body may question.", refuses=False)]
    return found


def certification_block(learners: Sequence[Learner],
                        scope: ClaimScope) -> dict[int, list[Finding]]:
    """A certification block on the centre refuses every learner. One query."""
    block = open_block(scope.programme.centre_id)
    if block is None:
        return {}
    finding = Finding(f"The awarding body has blocked certification for the centre since "
                      f"{block.set_on:%d %B %Y} ({block.reason}): no claim can be made until "
                      f"it releases the block.")
    return {learner.pk: [finding] for learner in learners}


CHECKS = {
    "registrations.registered": registered,
    "registrations.registration_age": registration_age,
    "registrations.certification_block": certification_block,
}


# --- The cohort's eligibility ----------------------------------------------------------------

@dataclass
class EligibilityRow:
    learner: Learner
    achievement: Achievement
    refusals: list[Finding]
    warnings: list[Finding]
    deadline: date

    @property
    def can_claim(self) -> bool:
        return not self.refusals


@dataclass
class Eligibility:
    cohort: Cohort
    scope: ClaimScope
    all_rows: list[EligibilityRow]  # the figures at the top count these
    rows: list[EligibilityRow]  # the table, as filtered
    deadline: date  # for the cohort as a whole (a learner's own completion date may differ)
    results_by: date | None  # the awarding body's results date, academic-year programmes

    @property
    def days_left(self) -> int:
        return (self.deadline - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        return -self.days_left

    @property
    def claimable(self) -> int:
        """How many learners of the cohort can be claimed for now."""
        return sum(1 for r in self.all_rows if r.can_claim)


def eligibility(cohort: Cohort, scope: ClaimScope, show: str = "") -> Eligibility:
    """Every learner of the cohort with what they have achieved, each reason they cannot be
    claimed for yet and each warning; `show` "can" or "cannot" filters the rows. A fixed number
    of queries whatever the cohort's size (the cohort comes with its programme)."""
    programme = cohort.programme
    learners = list(cohort.learners.order_by("last_name", "first_name", "pk"))
    for learner in learners:
        learner.programme = programme  # the cohort's: no query per learner
    names = {rules.year_name(cohort.expected_end_on)} | {
        rules.year_name(lr.estimated_completion_on) for lr in learners
        if lr.estimated_completion_on}
    years = rules.awarding_body_years(names)
    achieved = claim_checks.achievements(learners, programme)
    found = claim_checks.run_claim_checks(learners, scope)
    rows = [EligibilityRow(lr, achieved[lr.pk], [f for f in found[lr.pk] if f.refuses],
                           [f for f in found[lr.pk] if not f.refuses],
                           rules.claim_deadline(lr, years)) for lr in learners]
    shown = [r for r in rows if r.can_claim == (show == "can")] if show in ("can", "cannot") \
        else rows
    year = years[rules.year_name(cohort.expected_end_on)]
    return Eligibility(cohort, scope, rows, shown,
                       rules.deadline_after_completion(programme.delivery_model,
                                                       cohort.expected_end_on, years),
                       year.results_by)
