"""Certification blocks: the awarding body imposes one on the centre and lifts it; the centre
records both here. While a block is open, certification refuses every learner of the centre
(`registrations` asks `open_block` directly, as ARCHITECTURE allows).

Recording is for those who change the centre's settings (MANAGE_CENTRE: the Head of Centre and
the Quality Nominee), who are the ones the awarding body tells.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from qmr import permissions
from qmr.audit import acting_as, record_event
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.models import Centre, CertificationBlock, User
from qmr.roles import MANAGE_CENTRE


def open_block(centre_id: int) -> CertificationBlock | None:
    """The block in force on the centre, if any (one query)."""
    return CertificationBlock.objects.filter(centre_id=centre_id,
                                             released_on__isnull=True).first()


@transaction.atomic
def set_certification_block(*, actor: User, centre: Centre, reason: str,
                            set_on: date | None = None) -> CertificationBlock:
    """Record the awarding body's block on the centre's claims. Needs MANAGE_CENTRE; refused
    while another block is in force, without a reason, or dated in the future."""
    permissions.require(actor, MANAGE_CENTRE, centre)
    centre = Centre.objects.select_for_update(of=("self",)).get(pk=centre.pk)
    set_on = set_on or timezone.localdate()
    if not reason.strip():
        raise DomainError("Give the reason the awarding body gave for the block.")
    if set_on > timezone.localdate():
        raise DomainError("Record the block once the awarding body has applied it: the day "
                          "cannot be in the future.")
    if open_block(centre.pk) is not None:
        raise TransitionNotAllowed("A certification block is already in force on the centre.")
    with acting_as(actor):
        block = CertificationBlock.objects.create(centre=centre, reason=reason.strip(),
                                                  set_on=set_on, set_by=actor)
    record_event(block, "qmr.certification_block.set", actor=actor, centre=centre,
                 summary=f"Certification blocked from {set_on:%d %B %Y}")
    return block


@transaction.atomic
def release_certification_block(*, actor: User, block: CertificationBlock,
                                released_on: date | None = None) -> CertificationBlock:
    """Record that the awarding body released the block: claims can be made again."""
    block = CertificationBlock.objects.select_for_update(of=("self",)).select_related("centre").get(
        pk=block.pk)
    permissions.require(actor, MANAGE_CENTRE, block.centre)
    released_on = released_on or timezone.localdate()
    if block.released_on is not None:
        raise TransitionNotAllowed("This block has already been released.")
    if not block.set_on <= released_on <= timezone.localdate():
        raise DomainError("The release date must fall between the day the block was applied "
                          "and today.")
    block.released_on, block.released_by = released_on, actor
    with acting_as(actor):
        block.save(update_fields=["released_on", "released_by"])
    record_event(block, "qmr.certification_block.released", actor=actor, centre=block.centre,
                 summary=f"Certification block released on {released_on:%d %B %Y}")
    return block
