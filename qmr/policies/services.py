"""Policy library steps. Who does what:

- the Quality Nominee (MANAGE_POLICIES) adopts a starting template as a policy's first draft,
  starts each new version (a copy of the current one), edits drafts, sends them for sign-off
  and reminds readers; a draft's named author may edit and send it too;
- the Head of Centre (SIGN_OFF_POLICIES) signs a draft off, recording the chair of governors'
  signature when the policy asks for it; the version is then never changed;
- each person in the current version's audience confirms they have read it.
"""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.jobs import services as jobs
from qmr.models import Appointment, Centre, User
from qmr.policies import markup, tasks
from qmr.policies.models import (
    Policy,
    PolicyKind,
    PolicyVersion,
    ReadConfirmation,
    ReadReminder,
    VersionStatus,
    review_due,
)
from qmr.policies.starting_templates import template_for
from qmr.roles import EXTERNAL_ROLES, MANAGE_POLICIES, SIGN_OFF_POLICIES, Role


def _event(version: Any, code: str, actor: User, summary: str) -> None:
    record_event(version, f"policies.{code}", actor=actor, centre=version.policy.centre,
                 summary=summary)


def _locked(version: PolicyVersion) -> PolicyVersion:
    return PolicyVersion.objects.select_for_update(of=("self",)).select_related(
        "policy__centre").get(pk=version.pk)


def may_edit(actor: User, version: PolicyVersion) -> bool:
    """The draft's author (still on the centre's staff) or the Quality Nominee."""
    return permissions.can(actor, MANAGE_POLICIES, version.policy) or (
        version.author_id == actor.pk
        and permissions.can_as_staff(actor, permissions.VIEW_CENTRE, version.policy))


def _require_draft(version: PolicyVersion, doing: str) -> None:
    if version.status != VersionStatus.DRAFT:
        when = f" on {version.approved_on:%-d %B %Y}" if version.approved_on else ""
        raise TransitionNotAllowed(
            f"Version {version.number} was approved{when} and is never changed, so it cannot "
            f"be {doing}. Start a new version to change the policy.")


@transaction.atomic
def adopt_template(*, actor: User, centre: Centre, kind: str) -> PolicyVersion:
    """The Quality Nominee adopts the product's starting template for `kind` as the centre's
    first draft. Refused if the centre already has that policy."""
    permissions.require(actor, MANAGE_POLICIES, centre)
    template = template_for(kind)
    if template is None:
        raise DomainError("Choose one of the policies listed in the library.")
    existing = Policy.objects.select_for_update().filter(centre=centre, kind=kind).first()
    if existing is not None:
        raise DomainError(f"{centre.name} already has its {PolicyKind(kind).label.lower()} "
                          f"policy: open it and start a new version to change it.")
    body = template.text_for(centre.name)
    with acting_as(actor):
        policy = Policy.objects.create(centre=centre, kind=kind, title=template.title,
                                       created_by=actor)
        version = PolicyVersion.objects.create(
            policy=policy, number=1, body=body, body_html=markup.render(body), author=actor,
            audience=list(template.audience), created_by=actor,
            change_summary="First version, adopted from the product's starting template.")
    _event(version, "version.adopted", actor, f"{policy}: starting template adopted as a draft")
    return version


@transaction.atomic
def start_new_version(*, actor: User, policy: Policy) -> PolicyVersion:
    """The Quality Nominee starts the next version as a draft copied from the current one.
    Refused while a draft is open or before any version is approved."""
    permissions.require(actor, MANAGE_POLICIES, policy)
    policy = Policy.objects.select_for_update(of=("self",)).select_related("current").get(
        pk=policy.pk)
    draft = policy.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        raise DomainError(f"Version {draft.number} is already a draft: edit it instead.")
    current = policy.current
    if current is None:
        raise DomainError("This policy has no approved version to copy yet.")
    number = (policy.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    with acting_as(actor):
        version = PolicyVersion.objects.create(
            policy=policy, number=number, body=current.body, body_html=current.body_html,
            author=actor, approving_committee=current.approving_committee,
            audience=list(current.audience), created_by=actor)
    _event(version, "version.started", actor, f"{version}: draft started from version "
                                              f"{current.number}")
    return version


EDITABLE = ("body", "author", "approving_committee", "audience", "change_summary",
            "next_review_on")
POLICY_EDITABLE = ("title", "review_months", "chair_signs")


@transaction.atomic
def edit_draft(*, actor: User, version: PolicyVersion, **fields: Any) -> PolicyVersion:
    """Change a draft (and its policy's title, review period and whether the chair signs).
    Refused for an approved or superseded version: those are never changed. Editing a draft
    sent for sign-off takes it back: it must be sent again."""
    version = _locked(version)
    if not may_edit(actor, version):
        raise PermissionDenied("Only the draft's author or the Quality Nominee edits it.")
    _require_draft(version, "edited")
    audience = fields.get("audience", version.audience)
    if not audience or any(r not in Role.values for r in audience):
        raise DomainError("Choose at least one role that must read this policy.")
    if any(r in EXTERNAL_ROLES for r in audience):
        raise DomainError("A policy is addressed to the centre's staff and learners, not to "
                          "external reviewers: they read it without confirming.")
    author = fields.get("author", version.author)
    if not Appointment.objects.active().filter(centre=version.policy.centre_id,
                                               person=author).exists():
        raise DomainError(f"{author} holds no role at {version.policy.centre.name} now: "
                          f"choose a member of staff as the author.")
    review = fields.get("next_review_on")
    if review is not None and review <= timezone.localdate():
        raise DomainError("The next review date must be in the future.")
    changed = [k for k in EDITABLE if k in fields and getattr(version, k) != fields[k]]
    policy_changed = [k for k in POLICY_EDITABLE
                      if k in fields and getattr(version.policy, k) != fields[k]]
    for key in changed:
        setattr(version, key, fields[key])
    if "body" in changed:
        version.body_html = markup.render(version.body)
        changed.append("body_html")
    if changed and version.submitted_at is not None:
        version.submitted_at, version.submitted_by = None, None
        changed += ["submitted_at", "submitted_by"]
    with acting_as(actor):
        if changed:
            version.save(update_fields=changed)
        for key in policy_changed:
            setattr(version.policy, key, fields[key])
        if policy_changed:
            version.policy.save(update_fields=policy_changed)
    if changed or policy_changed:
        _event(version, "version.edited", actor, f"{version}: draft edited")
    return version


@transaction.atomic
def submit_for_sign_off(*, actor: User, version: PolicyVersion) -> PolicyVersion:
    """The author or the Quality Nominee sends a complete draft to the Head of Centre."""
    version = _locked(version)
    if not may_edit(actor, version):
        raise PermissionDenied("Only the draft's author or the Quality Nominee sends it.")
    _require_draft(version, "sent for sign-off again")
    missing = [what for what, ok in [("the text", version.body.strip()),
                                     ("who must read it", version.audience),
                                     ("what changed", version.change_summary.strip()),
                                     ("the approving committee",
                                      version.approving_committee.strip())] if not ok]
    if missing:
        raise DomainError(f"Before it is sent for sign-off, add {', '.join(missing)}.")
    if version.submitted_at is not None:
        raise DomainError("This draft is already waiting for the Head of Centre's sign-off.")
    version.submitted_at, version.submitted_by = timezone.now(), actor
    with acting_as(actor):
        version.save(update_fields=["submitted_at", "submitted_by"])
    _event(version, "version.submitted", actor, f"{version}: sent for sign-off")
    return version


@transaction.atomic
def approve_version(*, actor: User, version: PolicyVersion, approved_on: date | None = None,
                    chair_name: str = "", chair_signed_on: date | None = None
                    ) -> PolicyVersion:
    """The Head of Centre signs off a draft sent for sign-off. It becomes the current version
    (the one before is superseded) and is never changed again. The next review date is the
    draft's, or the approval date plus the policy's review period."""
    version = _locked(version)
    if not permissions.can(actor, SIGN_OFF_POLICIES, version.policy):
        raise PermissionDenied("Only the Head of Centre signs off a policy. Nothing has been "
                               "changed.")
    _require_draft(version, "signed off again")
    if version.submitted_at is None:
        raise DomainError("This draft has not been sent for sign-off yet.")
    today = timezone.localdate()
    approved_on = approved_on or today
    policy = Policy.objects.select_for_update(of=("self",)).select_related("current").get(
        pk=version.policy_id)
    if approved_on > today:
        raise DomainError("The approval date cannot be in the future.")
    previous = policy.current
    if previous is not None and approved_on < previous.approved_on:
        raise DomainError(f"Version {previous.number} was approved on "
                          f"{previous.approved_on:%-d %B %Y}: this one cannot be approved "
                          f"before it.")
    chair_name = chair_name.strip()
    if policy.chair_signs and (not chair_name or chair_signed_on is None):
        raise DomainError("This policy is also signed by the chair of governors: give their "
                          "name and the date they signed.")
    if chair_signed_on is not None and chair_signed_on > today:
        raise DomainError("The chair's signature cannot be dated in the future.")
    review = version.next_review_on or review_due(approved_on, policy.review_months)
    if review <= approved_on:
        raise DomainError("The next review date must come after the approval date.")
    with acting_as(actor):
        if previous is not None:
            previous.status = VersionStatus.SUPERSEDED
            previous.save(update_fields=["status"])
        version.status, version.approved_on, version.next_review_on = (
            VersionStatus.APPROVED, approved_on, review)
        version.approved_by, version.approved_at = actor, timezone.now()
        version.chair_name, version.chair_signed_on = chair_name, chair_signed_on
        version.save(update_fields=["status", "approved_on", "next_review_on", "approved_by",
                                    "approved_at", "chair_name", "chair_signed_on"])
        policy.current = version
        policy.save(update_fields=["current"])
    _event(version, "version.approved", actor,
           f"{version}: signed off, next review {review:%-d %B %Y}")
    return version


def _audience_roles(version: PolicyVersion) -> list[str]:
    """The version's roles that read and confirm: never an external role (an older version
    may name one), whose holders read policies without confirming anything."""
    return [r for r in version.audience if r not in EXTERNAL_ROLES]


def audience_people(version: PolicyVersion) -> dict[int, tuple[User, list[str]]]:
    """Who a version is addressed to: people holding one of its roles at the centre now,
    each with the roles they hold (one query)."""
    people: dict[int, tuple[User, list[str]]] = {}
    for a in Appointment.objects.active().filter(
            centre_id=version.policy.centre_id, role__in=_audience_roles(version)).select_related(
            "person").order_by("person__full_name", "role"):
        _, roles = people.setdefault(a.person_id, (a.person, []))
        if a.get_role_display() not in roles:
            roles.append(a.get_role_display())
    return people


def in_audience(person: User, version: PolicyVersion) -> bool:
    return Appointment.objects.active().filter(
        centre_id=version.policy.centre_id, role__in=_audience_roles(version),
        person=person).exists()


@transaction.atomic
def confirm_read(*, actor: User, version: PolicyVersion) -> ReadConfirmation:
    """A person in the current version's audience confirms they have read it. Confirming
    twice keeps the first confirmation."""
    version = _locked(version)
    if version.status != VersionStatus.APPROVED:
        raise DomainError("Only the current approved version is confirmed as read.")
    if not in_audience(actor, version):
        raise DomainError("This policy is not addressed to your roles, so there is nothing "
                          "to confirm.")
    existing = ReadConfirmation.objects.filter(version=version, person=actor).first()
    if existing is not None:
        return existing
    with acting_as(actor):
        confirmation = ReadConfirmation.objects.create(version=version, person=actor)
    _event(version, "version.read", actor, f"{actor} confirmed reading {version}")
    return confirmation


@transaction.atomic
def remind_readers(*, actor: User, policy: Policy) -> int:
    """The Quality Nominee reminds everyone in the current version's audience who has not
    confirmed reading it (once a day each). E-mails go on commit. Returns how many."""
    permissions.require(actor, MANAGE_POLICIES, policy)
    policy = Policy.objects.select_related("current__policy").get(pk=policy.pk)
    version = policy.current
    if version is None:
        raise DomainError("This policy has no approved version to read yet.")
    confirmed = set(version.confirmations.values_list("person_id", flat=True))
    since = timezone.now() - timedelta(days=1)
    reminded = set(version.reminders.filter(requested_at__gte=since).values_list(
        "person_id", flat=True))
    waiting = [p for pk, (p, _) in audience_people(version).items() if pk not in confirmed]
    if not waiting:
        raise DomainError("Everyone this version is addressed to has confirmed reading it.")
    due = [p for p in waiting if p.pk not in reminded]
    if not due:
        raise DomainError("Everyone still to read it was reminded in the last day.")
    with acting_as(actor):
        reminders = ReadReminder.objects.bulk_create(
            [ReadReminder(version=version, person=p, requested_by=actor) for p in due])
    ids = [r.pk for r in reminders]
    transaction.on_commit(lambda: [jobs.send_task(tasks.send_read_reminder, pk) for pk in ids])
    _event(version, "version.reminded", actor, f"{version}: {len(due)} reminded to read it")
    return len(due)


@transaction.atomic
def send_reminder(*, reminder: ReadReminder) -> bool:
    """E-mail one reminder, unless it went already, the person has read the version since,
    or the version is no longer current. True when an e-mail was sent."""
    reminder = ReadReminder.objects.select_for_update(of=("self",)).select_related(
        "version__policy__centre", "person").get(pk=reminder.pk)
    version = reminder.version
    if reminder.sent_at is not None or version.status != VersionStatus.APPROVED or \
            version.confirmations.filter(person=reminder.person_id).exists():
        return False
    url = reverse("policies:policy-detail", args=[version.policy_id])
    send_mail(
        subject=f"Please read: {version.policy.title} (version {version.number})",
        message=(f"{version.policy.centre.name} approved version {version.number} of its "
                 f"{version.policy.title.lower()} on {version.approved_on:%-d %B %Y}. It is "
                 f"addressed to you: please read it and confirm that you have.\n\n"
                 f"What changed: {version.change_summary}\n\nRead it here: {url}\n"),
        from_email=None, recipient_list=[reminder.person.email])
    reminder.sent_at = timezone.now()
    reminder.save(update_fields=["sent_at"])
    return True
