"""Who reads what in the policy library, and the pages' reads.

- Staff of the centre (everyone holding an appointment there except learners and standards
  verifiers: they hold VIEW_CENTRE on it), the external Centre Quality Reviewer included,
  read every approved version, current or superseded.
- A learner reads the current version of the policies addressed to learners.
- Drafts: their author, the Head of Centre (SIGN_OFF_POLICIES) and the Quality Nominee
  (MANAGE_POLICIES) only.
- Another centre's policies, and whatever above one may not read, are a 404.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from qmr import permissions
from qmr.history import entries
from qmr.models import Centre
from qmr.policies import services
from qmr.policies.models import (
    Policy,
    PolicyKind,
    PolicyVersion,
    ReadConfirmation,
    ReadReminder,
    VersionStatus,
)
from qmr.roles import (
    MANAGE_POLICIES,
    REVIEW_EVIDENCE,
    SIGN_OFF_POLICIES,
    VIEW_CENTRE,
    VIEW_OWN_RECORD,
    VIEW_QUALITY_RECORDS,
    Role,
)


@dataclass(frozen=True)
class Access:
    """The centres (pks) on which a person reads each kind of policy record."""

    user_id: int
    staff: frozenset[int]
    learner: frozenset[int]
    drafts: frozenset[int]
    manage: frozenset[int]
    sign_off: frozenset[int]
    readers: frozenset[int]


def access(user: Any) -> Access:
    """From the per-request grant cache: no query of its own."""
    def pks(*perms: str) -> frozenset[int]:
        return frozenset().union(*(permissions.scope_pks(user, p, Centre) for p in perms))

    return Access(user.pk, pks(VIEW_CENTRE), pks(VIEW_OWN_RECORD),
                  pks(MANAGE_POLICIES, SIGN_OFF_POLICIES), pks(MANAGE_POLICIES),
                  pks(SIGN_OFF_POLICIES),
                  pks(MANAGE_POLICIES, SIGN_OFF_POLICIES, VIEW_QUALITY_RECORDS,
                      REVIEW_EVIDENCE))


def _for_learners(version: PolicyVersion | None) -> bool:
    return version is not None and Role.LEARNER in version.audience


def _policy_condition(a: Access) -> Q:
    own_draft = PolicyVersion.objects.filter(policy=OuterRef("pk"), status=VersionStatus.DRAFT,
                                             author_id=a.user_id)
    return (Q(centre_id__in=a.staff, current__isnull=False) | Q(centre_id__in=a.drafts)
            | (Q(centre_id__in=a.staff) & Q(Exists(own_draft)))
            | Q(centre_id__in=a.learner - a.staff, current__isnull=False))


def _learner_only(a: Access, policy: Policy) -> bool:
    return policy.centre_id in a.learner and policy.centre_id not in a.staff


def visible_policies(user: Any) -> QuerySet[Policy]:
    """Policies the person may open (learners' still to be narrowed to their audience)."""
    return Policy.objects.filter(_policy_condition(access(user)))


def library(user: Any, qs: QuerySet[Policy] | None = None) -> list[Policy]:
    """The library's rows, each with its current version, its open draft's number and
    whether it is overdue (two queries: grants are cached; policies with the draft number
    as a subquery)."""
    a = access(user)
    draft = PolicyVersion.objects.filter(policy=OuterRef("pk"), status=VersionStatus.DRAFT)
    qs = (qs if qs is not None else visible_policies(user)).select_related(
        "centre", "current").annotate(draft_number=Subquery(draft.values("number")[:1]),
                                      draft_author=Subquery(draft.values("author_id")[:1]))
    rows = []
    for policy in qs:
        if _learner_only(a, policy) and not _for_learners(policy.current):
            continue
        if policy.draft_number and policy.centre_id not in a.drafts | a.staff:
            policy.draft_number = None
        rows.append(policy)
    return rows


def unadopted_kinds(user: Any) -> list[tuple[Centre, list[tuple[str, str]]]]:
    """Per centre where the person keeps the library: the kinds not adopted yet, whose
    starting templates they may adopt (two queries)."""
    a = access(user)
    if not a.manage:
        return []
    adopted: dict[int, set[str]] = {}
    for centre_id, kind in Policy.objects.filter(centre_id__in=a.manage).values_list(
            "centre_id", "kind"):
        adopted.setdefault(centre_id, set()).add(kind)
    return [(c, [(k.value, k.label) for k in PolicyKind if k.value not in adopted.get(c.pk, ())])
            for c in Centre.objects.filter(pk__in=a.manage).order_by("name")]


def get_centre_for_manager(user: Any, centre_id: int) -> Centre:
    """404 unless the person is staff at the centre (then the service decides 403)."""
    centre = Centre.objects.filter(pk=centre_id, pk__in=access(user).staff).first()
    if centre is None:
        raise Http404("No such centre.")
    return centre


def get_policy_for_user(user: Any, pk: int) -> Policy:
    a = access(user)
    policy = visible_policies(user).select_related("centre", "current__approved_by").filter(
        pk=pk).first()
    if policy is None or (_learner_only(a, policy) and not _for_learners(policy.current)):
        raise Http404("No such policy.")
    return policy


def may_read_version(a: Access, version: PolicyVersion, current_id: int | None) -> bool:
    centre = version.policy.centre_id
    if version.status == VersionStatus.DRAFT:
        return centre in a.drafts or (centre in a.staff and version.author_id == a.user_id)
    if centre in a.staff:
        return True
    return centre in a.learner and version.pk == current_id and _for_learners(version)


def get_version_for_user(user: Any, pk: int) -> PolicyVersion:
    version = PolicyVersion.objects.select_related(
        "policy__centre", "policy__current", "author", "approved_by", "submitted_by").filter(
        pk=pk).first()
    if version is None or not may_read_version(access(user), version,
                                               version.policy.current_id):
        raise Http404("No such policy version.")
    return version


def versions_for(user: Any, policy: Policy) -> list[PolicyVersion]:
    """The versions of a policy the person may open, newest first (one query)."""
    a = access(user)
    return [v for v in policy.versions.select_related("approved_by", "author").annotate(
        read_count=Count("confirmations")) if may_read_version(a, v, policy.current_id)]


@dataclass
class Reader:
    person: Any
    roles: list[str]
    confirmed_at: Any = None
    reminded_at: Any = None


def readers(version: PolicyVersion) -> list[Reader]:
    """Everyone the version is addressed to, with when they confirmed reading it and when
    they were last reminded (three queries, whatever the number of people)."""
    confirmed = dict(ReadConfirmation.objects.filter(version=version).values_list(
        "person_id", "confirmed_at"))
    reminded: dict[int, Any] = {}
    for person_id, at in ReadReminder.objects.filter(version=version).order_by(
            "requested_at").values_list("person_id", "requested_at"):
        reminded[person_id] = at
    return [Reader(person, roles, confirmed.get(pk), reminded.get(pk))
            for pk, (person, roles) in services.audience_people(version).items()]


def version_history(version: PolicyVersion) -> list:
    """The version's change history; the text itself is shown on the page, so a change of
    text reads as one line rather than both texts in full."""
    out = entries(version.history.all())
    label = PolicyVersion._meta.get_field("body").verbose_name.capitalize()
    for entry in out:
        for change in entry.changes:
            if change.field == label:
                change.old, change.new = "earlier text", "text changed"
    return out


def overdue_policies(centre_ids: set[int] | frozenset[int]) -> QuerySet[Policy]:
    return Policy.objects.filter(centre_id__in=centre_ids, current__status=VersionStatus.APPROVED,
                                 current__next_review_on__lt=timezone.localdate())
