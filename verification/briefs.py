"""Internal verification of an assignment brief: the awarding body's checklist, the outcome,
actions to complete before the brief is issued, and which records count for a brief.

A brief is approved for issue when its latest verification found it fit, for the year and
dates it is now planned with, and no action set this year is outstanding
(`verification.checks.brief_problem` says what is missing). A brief reused in a later plan
(the same title, scenario, tasks, evidence and criteria) carries its verifications with it, so
a plan's new version keeps them and a brief reused next year is re-checked.
"""

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from assessment.models import Assignment
from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import User
from qmr.roles import LEAD_VERIFY, VERIFY
from verification.models import BriefAction, BriefCheck, BriefVerification

Item = BriefCheck.Item
# The checks a fit brief must pass; the facts (authorised, amended) are recorded, not passed.
MUST_PASS = tuple(item for item in Item if item not in BriefCheck.FACTS)


def verifications_of(assignment: Assignment) -> list[BriefVerification]:
    """Every verification of this brief, the latest first: of this assignment, or of the same
    brief in another plan of the programme (five queries)."""
    criteria = set(assignment.criteria.values_list("pk", flat=True))
    rows = BriefVerification.objects.filter(
        assignment__plan__programme_id=assignment.plan.programme_id,
        assignment__title=assignment.title, assignment__scenario=assignment.scenario,
        assignment__tasks=assignment.tasks,
        assignment__evidence_expected=assignment.evidence_expected,
    ).select_related("verifier", "academic_year", "assignment__plan", "assessor_signed_by",
                     "countersigned_by").prefetch_related("checks", "actions__completed_by",
                                                          "assignment__criteria")
    return [v for v in rows if v.assignment_id == assignment.pk
            or {c.pk for c in v.assignment.criteria.all()} == criteria]


def _problems(assignment: Assignment, outcome: str, answers: dict[str, tuple[bool, str]],
              comments: str, actions: Sequence[tuple[str, date]]) -> list[str]:
    if outcome not in BriefVerification.Outcome.values:
        return ["Say whether the brief is fit for purpose."]
    unanswered = [item.label for item in Item if item not in answers]
    if unanswered:
        return [f"Answer every question on the checklist: “{unanswered[0]}” has no answer."]
    problems = [f"Say why the answer to “{item.label}” is No." for item in MUST_PASS
                if not answers[item][0] and not answers[item][1].strip()]
    if answers[Item.AMENDED][0] and not answers[Item.AMENDED][1].strip():
        problems.append("Say how the brief was amended.")
    failed = [item.label for item in MUST_PASS if not answers[item][0]]
    if outcome == BriefVerification.Outcome.FIT:
        if failed:
            problems.append(f"The brief cannot be recorded as fit for purpose while the answer "
                            f"to “{failed[0]}” is No: record it as not fit, with the actions "
                            f"needed.")
        if not assignment.tasks.strip():
            problems.append("The brief has no tasks written yet, so it cannot be fit for "
                            "purpose.")
    else:
        if not comments.strip():
            problems.append("Say what needs to change in the brief.")
        if not actions:
            problems.append("Set at least one action: what must change, and by when.")
    for description, due_on in actions:
        if not description.strip():
            problems.append("Describe each action.")
        elif due_on < timezone.localdate():
            problems.append(f"The target date of “{description}” cannot be in the past.")
    return problems


@transaction.atomic
def verify_brief(*, actor: User, assignment: Assignment, outcome: str,
                 answers: dict[str, tuple[bool, str]], comments: str = "",
                 actions: Sequence[tuple[str, date]] = ()) -> BriefVerification:
    """An Internal Verifier (or the Lead IV) records the checklist and whether the brief is fit
    for purpose, with any actions to complete before it is issued. Recording it is the IV's
    signature. A re-check of a reused brief is the same step."""
    programme = assignment.plan.programme
    if not permissions.can(actor, VERIFY, programme):
        raise permissions.PermissionDenied("Only an Internal Verifier of this programme "
                                           "verifies its briefs.")
    if actor.pk == assignment.assessor_id:
        raise DomainError("You are this brief's assessor: another internal verifier must "
                          "verify it.")
    problems = _problems(assignment, outcome, answers, comments, actions)
    if problems:
        raise DomainError(" ".join(problems))
    # The Lead IV oversees IV in the subject area: they countersign a record that found the
    # brief not fit or set actions, unless they recorded it themselves.
    needs_lead = (outcome == BriefVerification.Outcome.NOT_FIT or bool(actions)) and not (
        permissions.can(actor, LEAD_VERIFY, programme))
    with acting_as(actor):
        verification = BriefVerification.objects.create(
            assignment=assignment, verifier=actor, outcome=outcome, comments=comments,
            academic_year_id=assignment.plan.academic_year_id,
            hand_out_on=assignment.hand_out_on, deadline=assignment.deadline,
            countersignature_needed=needs_lead)
        BriefCheck.objects.bulk_create([
            BriefCheck(verification=verification, item=item, answer=answers[item][0],
                       comment=answers[item][1].strip()) for item in Item])
        BriefAction.objects.bulk_create([
            BriefAction(verification=verification, description=description.strip(),
                        due_on=due_on) for description, due_on in actions])
    record_event(verification, "verification.brief.verified", actor=actor,
                 centre=programme.centre, summary=str(verification),
                 data={"actions": len(actions)})
    return verification


def may_complete(actor: User, action: BriefAction) -> bool:
    """The brief's assessor makes the change; an IV of the programme may record it too."""
    assignment = action.verification.assignment
    return actor.pk == assignment.assessor_id or permissions.can(
        actor, VERIFY, assignment.plan.programme)


@transaction.atomic
def complete_brief_action(*, actor: User, action: BriefAction, completed_on: date,
                          note: str) -> BriefAction:
    """Record that an action on the brief was done, when, and how."""
    action = BriefAction.objects.select_for_update(of=("self",)).select_related(
        "verification__assignment__plan__programme__centre").get(pk=action.pk)
    if not may_complete(actor, action):
        raise permissions.PermissionDenied("The brief's assessor or an internal verifier of "
                                           "the programme records that an action is done.")
    if action.completed_on:
        raise TransitionNotAllowed(f"This action was already done on "
                                   f"{action.completed_on:%-d %B %Y}.")
    set_on = timezone.localtime(action.verification.verified_at).date()
    if completed_on > timezone.localdate():
        raise DomainError("The day it was done cannot be in the future.")
    if completed_on < set_on:
        raise DomainError(f"The day it was done cannot be before the action was set "
                          f"({set_on:%-d %B %Y}).")
    if not note.strip():
        raise DomainError("Say what was done.")
    action.completed_on, action.completed_by, action.completion_note = (
        completed_on, actor, note.strip())
    with acting_as(actor):
        action.save(update_fields=["completed_on", "completed_by", "completion_note"])
    record_event(action, "verification.brief_action.completed", actor=actor,
                 centre=action.verification.assignment.plan.programme.centre,
                 summary=f"{action} done on {completed_on:%-d %B %Y}")
    return action
