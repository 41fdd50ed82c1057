"""Who reads and does what in the annual review, decided here once.

The centre's own side is the Quality Nominee (PREPARE_REVIEW), the Head of Centre
(SIGN_DECLARATION) and senior managers (LEAD_PROGRAMME_REVIEW); the reviewer reads through
REVIEW_EVIDENCE, which their time-boxed appointment grants only on their centre and only
until its last day. Teachers, learners and the standards verifier see none of it (404).
"""

from functools import reduce
from operator import or_
from typing import Any

from django.http import Http404

from qmr import permissions
from qmr.models import Centre
from qmr.roles import LEAD_PROGRAMME_REVIEW, PREPARE_REVIEW, REVIEW_EVIDENCE, SIGN_DECLARATION

CENTRE_SIDE = (PREPARE_REVIEW, SIGN_DECLARATION, LEAD_PROGRAMME_REVIEW)
PACK_READERS = (*CENTRE_SIDE, REVIEW_EVIDENCE)


def holds_any(user: Any, perms: tuple[str, ...], centre: Centre) -> bool:
    return any(permissions.can(user, perm, centre) for perm in perms)


def centre_side(user: Any, centre: Centre) -> bool:
    """The centre's senior people, who see drafts and the readiness view."""
    return holds_any(user, CENTRE_SIDE, centre)


def is_reviewer(user: Any, centre: Centre) -> bool:
    return permissions.can(user, REVIEW_EVIDENCE, centre)


def first_centre(user: Any, perms: tuple[str, ...]) -> Centre | None:
    """The first centre, by name, where the person holds any of `perms` now. One query."""
    return reduce(or_, (permissions.visible(user, perm, Centre.objects.all())
                        for perm in perms)).order_by("name").first()


def get_centre(user: Any, centre_id: int, perms: tuple[str, ...] = PACK_READERS) -> Centre:
    """The centre, if the person holds any of `perms` on it now; otherwise 404 (whether or not
    it exists, and for a reviewer after their last day)."""
    centre = Centre.objects.filter(pk=centre_id).first()
    if centre is None or not holds_any(user, perms, centre):
        raise Http404("No such centre.")
    return centre
