"""The external Centre Quality Reviewer reads every record the evidence pack links to, at their
own centre only and only until their last day, and changes nothing anywhere."""

import importlib
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermission

from appeals.decisions import services as appeal_services
from appeals.decisions.models import Appeal, LogReview
from assessment.models import Decision
from qmr import permissions
from qmr.audit import AuditEvent
from qmr.meetings.models import Meeting
from qmr.models import Appointment
from qmr.policies.models import ReadConfirmation
from qmr.roles import VIEW_PEOPLE, VIEW_QUALITY_RECORDS, VIEW_RECORDS, VIEW_STAFF_RECORDS
from qmr.staff.models import Training
from registrations import services as reg_services
from registrations.models import RegistrationFlag
from tests.qmr.test_permission_matrix import ROWS, Target
from verification.models import IVSample

pytestmark = pytest.mark.django_db

# Record pages the evidence pack links to (every `evidence.py`), by URL name.
EVIDENCE_PAGES = [
    "registrations:cohort-detail", "registrations:programme-detail",
    "registrations:cohort-support", "registrations:employer-detail",
    "registrations:review-detail", "assessment:plan-detail", "verification:brief-iv",
    "verification:decision-iv", "verification:programme-iv", "appeals:appeal-detail",
    "appeals:programme-adjustments", "appeals:consideration-detail", "appeals:case-detail",
    "policies:policy-detail", "policies:policy-readers", "meetings:team-detail",
    "meetings:action-detail", "staff:record", "staff:org-chart",
]
OVERVIEWS = ["verification:overview", "appeals:log"]  # no object in the URL


def _url(name: str, target: Target | None = None) -> str:
    builder = ROWS[name][0]
    return reverse(name, kwargs=builder(target) if builder else None)


@pytest.fixture
def reviewer(world: Any) -> Client:
    client = Client()
    client.force_login(world["reviewer"])
    return client


def _statuses(client: Client, names: list[str], target: Target | None) -> dict[str, int]:
    return {name: client.get(_url(name, target)).status_code for name in names}


def test_the_reviewer_reads_every_evidence_linked_record_at_their_centre(world, reviewer):
    own = Target(world, "own")
    assert _statuses(reviewer, EVIDENCE_PAGES + OVERVIEWS, own) == dict.fromkeys(
        EVIDENCE_PAGES + OVERVIEWS, 200)


def test_another_centres_records_are_404_to_the_reviewer(world, reviewer):
    other = Target(world, "other")
    assert _statuses(reviewer, EVIDENCE_PAGES, other) == dict.fromkeys(EVIDENCE_PAGES, 404)


def test_after_the_last_day_the_records_are_closed_to_the_reviewer(world):
    own = Target(world, "own")
    appointment = Appointment.objects.get(person=world["reviewer"])
    with time_machine.travel(appointment.ends_at + timedelta(minutes=1), tick=False):
        client = Client()
        client.force_login(world["reviewer"])
        statuses = _statuses(client, EVIDENCE_PAGES + OVERVIEWS, own)
    assert {name: s for name, s in statuses.items() if s not in (403, 404)} == {}


def _writes(world: Any, t: Target) -> list[tuple[str, dict]]:
    """A valid request for each step, as its own staff would send it."""
    criterion = t.assignment.criteria.get()
    today = timezone.localdate().isoformat()
    return [
        (reverse("registrations:flag-raise", args=[t.learner.pk]),
         {"kind": "late", "description": "Registered after the deadline."}),
        (reverse("meetings:action-close", args=[t.team_action.pk]), {"evidence": "Done."}),
        (reverse("meetings:meeting-add", args=[t.team.pk]),
         {"held_on": today, "agenda": "Progress", "present": [world["leader"].pk]}),
        (reverse("assessment:submission-decide", args=[t.submission.pk]),
         {f"achieved-{criterion.pk}": "yes", f"feedback-{criterion.pk}": "Met.",
          "feedback": "Well done.", "authentic": "on"}),
        (reverse("appeals:lodge", args=[t.decision.pk]), {"grounds": "P2 was met."}),
        (reverse("appeals:log-review", args=[t.centre.pk, t.year.pk]),
         {"findings": "No pattern."}),
        (reverse("verification:take-sample", args=[t.cohort.programme_id]),
         {"submission": [t.submission.pk], "due_on": today}),
        (reverse("staff:training-add", args=[t.centre.pk, t.staff_person.pk]),
         {"kind": "cpd", "title": "Update", "held_on": today, "hours": "2"}),
    ]


def _counts() -> dict[str, int]:
    models = [AuditEvent, RegistrationFlag, Meeting, Decision, Appeal, LogReview, IVSample,
              Training, ReadConfirmation]
    return {m.__name__: m.objects.count() for m in models}


def test_the_reviewer_is_refused_every_write_and_nothing_changes(world, reviewer):
    own = Target(world, "own")
    before = _counts()
    statuses = {url: reviewer.post(url, data).status_code for url, data in _writes(world, own)}
    assert statuses == dict.fromkeys(statuses, 403)
    own.team_action.refresh_from_db()
    assert own.team_action.is_open and _counts() == before


def test_the_reviewer_cannot_confirm_reading_a_policy(world, reviewer):
    own = Target(world, "own")
    response = reviewer.post(reverse("policies:version-confirm-read",
                                     args=[own.policy_approved.pk]), follow=True)
    assert b"not addressed to your roles" in response.content
    assert not ReadConfirmation.objects.filter(person=world["reviewer"]).exists()


def test_the_services_tell_the_reviewer_they_only_read(world):
    own = Target(world, "own")
    reviewer = world["reviewer"]
    steps = [
        lambda: reg_services.flag_registration(actor=reviewer, learner=own.learner,
                                               kind="late", description="Late."),
        lambda: appeal_services.lodge_appeal(actor=reviewer, decision=own.decision,
                                             grounds="Unfair."),
        lambda: appeal_services.review_log(actor=reviewer, centre=own.centre, year=own.year,
                                           findings="None."),
    ]
    for step in steps:
        with pytest.raises(PermissionDenied, match="External reviewers read"):
            step()


def test_read_grants_count_for_staff_writes_only_through_staff_appointments(world):
    reviewer, nominee = world["reviewer"], world["nominee"]
    assert permissions.can(reviewer, VIEW_RECORDS, world.centre)
    assert not permissions.can_as_staff(reviewer, VIEW_RECORDS, world.centre)
    assert permissions.can_as_staff(nominee, VIEW_RECORDS, world.centre)
    assert permissions.reads_only(reviewer, world.centre)
    assert not permissions.reads_only(nominee, world.centre)


def test_the_migration_gives_earlier_reviewer_appointments_the_read_grants(world):
    """An appointment made before the reviewer read records lacks the grants; 0004 adds
    them, and only to reviewers."""
    new = [VIEW_PEOPLE, VIEW_RECORDS, VIEW_STAFF_RECORDS, VIEW_QUALITY_RECORDS]
    group_of = {a.role: a.group_id for a in Appointment.objects.filter(centre=world.centre)}
    GroupObjectPermission.objects.filter(group_id=group_of["quality_reviewer"],
                                         permission__codename__in=new).delete()
    assert not permissions.can(world["reviewer"], VIEW_RECORDS, world.centre)
    assessor_rows = GroupObjectPermission.objects.filter(group_id=group_of["assessor"]).count()
    migration = importlib.import_module("qmr.migrations.0004_reviewer_reads")
    state = MigrationLoader(connection).project_state(("qmr", "0004_reviewer_reads"))
    migration.grant_reviewer_reads(state.apps, None)
    assert all(permissions.can(world["reviewer"], code, world.centre) for code in new)
    assert GroupObjectPermission.objects.filter(
        group_id=group_of["assessor"]).count() == assessor_rows


def test_the_reviewers_pages_offer_no_step_they_may_not_take(world, reviewer):
    """The flag form and the malpractice steps are not offered."""
    own = Target(world, "own")
    offered = {
        "registrations:learner-detail": reverse("registrations:flag-raise",
                                                args=[own.learner.pk]),
        "appeals:case-detail": reverse("appeals:case-step", args=[own.case.pk, "notify"]),
    }
    pages = {name: reviewer.get(_url(name, own)) for name in offered}
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(offered, 200)
    assert [name for name, step in offered.items() if step in pages[name].content.decode()] == []


def test_a_policy_is_never_addressed_to_external_reviewers(world):
    from qmr.errors import DomainError
    from qmr.policies import services as policy_services
    from qmr.policies.forms import DraftForm
    from qmr.policies.models import PolicyKind

    choices = {value for value, _ in DraftForm(centre=world.centre).fields["audience"].choices}
    assert {"quality_reviewer", "standards_verifier"}.isdisjoint(choices)
    draft = policy_services.adopt_template(actor=world["nominee"], centre=world.centre,
                                           kind=PolicyKind.APPEALS)
    with pytest.raises(DomainError, match="not to external reviewers"):
        policy_services.edit_draft(actor=world["nominee"], version=draft,
                                   audience=["assessor", "quality_reviewer"])


def test_the_reviewer_reads_the_sample_but_is_not_offered_one_to_take(world, reviewer):
    own = Target(world, "own")
    Decision.objects.filter(pk=own.decision.pk).update(released_at=None)  # work not returned
    url, take = _url("verification:programme-iv", own), reverse(
        "verification:take-sample", args=[own.cohort.programme_id])
    iv = Client()
    iv.force_login(world["iv"])
    assert take in iv.get(url).content.decode()
    page = reviewer.get(url)
    assert page.status_code == 200 and take not in page.content.decode()
