"""QO.1 evidence from the policy library: reviews on time (QO.1.1), the library complete
(QO.1.2) and the current versions read by the people they are addressed to (QO.1.5)."""

from django.urls import reverse
from django.utils import timezone

from qmr.evidence import Evidence, Record, Status, register
from qmr.models import Appointment, CollaborativeArrangement
from qmr.policies.models import (
    BTEC_KINDS,
    Policy,
    PolicyKind,
    ReadConfirmation,
    VersionStatus,
)


def _url(policy: Policy) -> str:
    return reverse("policies:policy-detail", args=[policy.pk])


@register("policies.reviews_current", "QO.1.1", "Policies reviewed on time")
def reviews_current(centre) -> Evidence:
    """Green when every adopted policy has an approved version not past its review date;
    red when none is approved, or when a BTEC policy the awarding body requires is past its
    review date (the key system it backs is then running on an unreviewed procedure); amber
    when another policy is overdue or one was never approved."""
    title = "Policies reviewed on time"
    today = timezone.localdate()
    policies = list(Policy.objects.filter(centre=centre).select_related("current")
                    .order_by("title"))
    approved = [p for p in policies if p.current is not None]
    if not approved:
        return Evidence("QO.1.1", title, Status.MISSING,
                        "No policy of the centre has an approved version yet.",
                        [Record(f"{p.title}: draft, never approved", _url(p)) for p in policies])
    overdue = [p for p in approved if p.current.next_review_on < today]
    never = [p for p in policies if p.current is None]
    records = []
    for p in policies:
        if p.current is None:
            records.append(Record(f"{p.title}: draft, never approved", _url(p)))
        elif p.current.next_review_on < today:
            records.append(Record(f"{p.title}: review overdue since "
                                  f"{p.current.next_review_on:%-d %B %Y}", _url(p)))
        else:
            records.append(Record(f"{p.title}: version {p.current.number} approved "
                                  f"{p.current.approved_on:%-d %B %Y}, next review "
                                  f"{p.current.next_review_on:%-d %B %Y}", _url(p)))
    status = Status.WEAK if overdue or never else Status.IN_PLACE
    summary = (f"{len(approved) - len(overdue)} of {len(policies)} adopted policies are "
               f"approved and within their review date; {len(overdue)} overdue; "
               f"{len(never)} never approved.")
    required = [p for p in overdue if p.kind in BTEC_KINDS]
    if required:
        status = Status.MISSING
        summary = (f"{', '.join(p.title for p in required)} "
                   f"{'is' if len(required) == 1 else 'are'} past the review date, and the "
                   f"awarding body requires {'it' if len(required) == 1 else 'them'} reviewed "
                   f"every year. " + summary)
    return Evidence("QO.1.1", title, status, summary, records)


def expected_kinds(centre) -> list[str]:
    """The BTEC policies the awarding body expects of every centre; collaborative
    arrangements only of a centre in a consortium (one query)."""
    in_consortium = CollaborativeArrangement.objects.filter(
        lead_centre=centre).exists() or CollaborativeArrangement.objects.filter(
        partners=centre).exists()
    return [k for k in BTEC_KINDS if k != PolicyKind.COLLABORATIVE or in_consortium]


@register("policies.library_complete", "QO.1.2", "The policies the framework expects")
def library_complete(centre) -> Evidence:
    """Green when every expected policy has an approved version; amber when some have;
    red when none has."""
    title = "The policies the framework expects"
    by_kind = {p.kind: p for p in Policy.objects.filter(centre=centre)}
    expected = expected_kinds(centre)
    records, approved = [], 0
    for kind in expected:
        label = PolicyKind(kind).label
        policy = by_kind.get(kind)
        if policy is None:
            records.append(Record(f"{label}: not adopted", reverse("policies:library")))
        elif policy.current_id is None:
            records.append(Record(f"{label}: draft only, not yet approved", _url(policy)))
        else:
            approved += 1
            records.append(Record(f"{label}: approved", _url(policy)))
    others = [p for k, p in sorted(by_kind.items()) if k not in expected]
    records += [Record(f"{p.title}: {'approved' if p.current_id else 'draft'} (centre-wide)",
                       _url(p)) for p in others]
    status = (Status.IN_PLACE if approved == len(expected) else
              Status.MISSING if approved == 0 else Status.WEAK)
    return Evidence("QO.1.2", title, status,
                    f"{approved} of the {len(expected)} expected BTEC policies approved; "
                    f"{len(others)} centre-wide policies adopted as well.", records)


@register("policies.read_by_staff", "QO.1.5", "Current policies read by those they address")
def read_by_staff(centre) -> Evidence:
    """Green when everyone each current version is addressed to has confirmed reading it;
    amber when some have not; red when no policy is approved or nobody has confirmed."""
    title = "Current policies read by those they address"
    policies = list(Policy.objects.filter(centre=centre, current__status=VersionStatus.APPROVED)
                    .select_related("current").order_by("title"))
    if not policies:
        return Evidence("QO.1.5", title, Status.MISSING, "No policy is approved yet.")
    roles: dict[int, set[str]] = {}
    for person_id, role in Appointment.objects.active().filter(centre=centre).values_list(
            "person_id", "role"):
        roles.setdefault(person_id, set()).add(role)
    confirmed: dict[int, set[int]] = {}
    for version_id, person_id in ReadConfirmation.objects.filter(
            version__in=[p.current_id for p in policies]).values_list("version_id", "person_id"):
        confirmed.setdefault(version_id, set()).add(person_id)
    records, complete, confirmations = [], 0, 0
    for p in policies:
        audience = {pk for pk, held in roles.items() if held & set(p.current.audience)}
        read = confirmed.get(p.current_id, set()) & audience
        confirmations += len(read)
        complete += len(read) == len(audience)
        records.append(Record(f"{p.title} (version {p.current.number}): {len(read)} of "
                              f"{len(audience)} have confirmed reading it",
                              reverse("policies:policy-readers", args=[p.pk])))
    status = (Status.IN_PLACE if complete == len(policies) else
              Status.MISSING if confirmations == 0 else Status.WEAK)
    return Evidence("QO.1.5", title, status,
                    f"{complete} of {len(policies)} current policies read by everyone they "
                    f"are addressed to.", records)
