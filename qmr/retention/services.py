"""Disposal of records past their time, and the monthly list for the Quality Nominee.

Only the centre's Quality Nominee (PREPARE_REVIEW on the centre) confirms a disposal; each
record is disposed of by its own rule in one transaction with a DisposalRecord saying what
went, who confirmed it and when. The monthly task records each centre's list once and
e-mails the nominee(s) once, after the list is committed."""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from qmr import permissions
from qmr.audit import record_event
from qmr.errors import DomainError
from qmr.models import Appointment, Centre
from qmr.retention import registry, selectors
from qmr.retention.models import DisposalList, DisposalRecord
from qmr.roles import PREPARE_REVIEW, Role


@transaction.atomic
def confirm_disposal(*, actor: Any, centre: Centre, kind: str,
                     pk: int | None = None) -> list[DisposalRecord]:
    """The Quality Nominee confirms the disposal of one record of `kind` (or, with no `pk`,
    every one listed). Raises PermissionDenied for anyone else, DomainError when nothing of
    that is past its time."""
    permissions.require(actor, PREPARE_REVIEW, centre)
    rule = registry.rule(kind)
    if rule is None:
        raise DomainError("There is no such kind of record to dispose of.")
    today = timezone.localdate()
    items = selectors.due_records(rule, centre, today, pks=None if pk is None else [pk],
                                  lock=True)
    if not items:
        raise DomainError("Nothing of this is past its time now: it may have been disposed "
                          "of already.")
    record_type = ContentType.objects.get_for_model(rule.model)
    done = []
    for item in items:
        record_id = item.record.pk
        removed = rule.dispose(item.record)
        done.append(DisposalRecord.objects.create(
            centre=centre, kind=rule.kind, record_type=record_type, record_id=record_id,
            reference=item.reference[:300], kept_until=item.kept_until, removed=removed,
            disposed_by=actor, disposed_at=timezone.now()))
    record_event(centre, "retention.records.disposed", actor=actor, centre=centre,
                 summary=f"{rule.label}: {len(done)} disposed of",
                 data={"kind": rule.kind, "disposals": [d.pk for d in done]})
    return done


def _month(today: date) -> date:
    return today.replace(day=1)


@transaction.atomic
def record_disposal_list(*, centre: Centre, today: date) -> DisposalList | None:
    """This month's list for the centre, made once, when anything is past its time; the
    nominee's e-mail goes once it is committed. None when nothing is due."""
    from qmr.retention import tasks

    groups = selectors.due_for_centre(centre, today)
    if not groups:
        return None
    summary = {g.rule.label: len(g.items) for g in groups}
    listed, created = DisposalList.objects.get_or_create(
        centre=centre, month=_month(today),
        defaults={"items": sum(summary.values()), "summary": summary})
    if created:
        transaction.on_commit(lambda: tasks.send_disposal_list.delay(listed.pk))
    return listed


def record_disposal_lists(today: date) -> int:
    """Every centre's list for the month (the monthly beat task). Returns how many centres
    have something due."""
    return sum(record_disposal_list(centre=centre, today=today) is not None
               for centre in Centre.objects.order_by("pk"))


@transaction.atomic
def send_disposal_list(*, listed: DisposalList) -> bool:
    """E-mail the centre's Quality Nominee(s) the list's summary and a link, unless it went
    already. True when an e-mail was sent."""
    listed = DisposalList.objects.select_for_update().select_related("centre").get(
        pk=listed.pk)
    nominees = sorted({a.person.email for a in Appointment.objects.active().filter(
        centre=listed.centre, role=Role.QUALITY_NOMINEE).select_related("person")})
    if listed.notified_at is not None or not nominees:
        return False
    url = settings.SITE_URL.rstrip("/") + reverse("retention:disposal-list",
                                                  args=[listed.centre_id])
    lines = "\n".join(f"- {label}: {n}" for label, n in listed.summary.items())
    send_mail(
        subject=f"Records due for disposal: {listed.centre.name}, {listed.month:%B %Y}",
        message=(f"These records at {listed.centre.name} are past the time the awarding "
                 f"body's rules keep them:\n\n{lines}\n\nPlease check them and confirm "
                 f"their disposal by the end of the month: {url}\n"),
        from_email=None, recipient_list=nominees)
    listed.notified_at = timezone.now()
    listed.save(update_fields=["notified_at"])
    return True
