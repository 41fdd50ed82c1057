"""Permission matrix rows for the policy library (qmr.policies).

Each side's centre has a policy addressed to assessors and learners, with an approved
version 1 (current) and a complete draft version 2 written by the side's Quality Nominee
(ours) or the target's person (theirs). Drafts: their author, the Head of Centre and the
Quality Nominee only."""

from datetime import date
from typing import Any

from qmr.policies.models import Policy, PolicyVersion, VersionStatus
from tests.qmr.matrix_support import ALL, STAFF, expect

READERS = STAFF | {"learner"}  # the policy is addressed to learners too
DRAFTS = {"nominee", "head"}


def build(target: Any, world: Any, side: str) -> None:
    """A centre holds one policy of a kind, so the targets of one world share them."""
    made = world.people.setdefault("_policies", {})
    if side not in made:
        made[side] = _make(target, world, side)
    target.policy, target.policy_approved, target.policy_draft = made[side]


def _make(target: Any, world: Any, side: str) -> tuple:
    author = world["nominee"] if side == "own" else target.person
    policy = Policy.objects.create(centre=target.centre, kind="appeals",
                                   title="Appeals policy", created_by=author)
    common = {"policy": policy, "author": author, "audience": ["assessor", "learner"],
              "approving_committee": "Governors", "change_summary": "x", "body": "Text",
              "body_html": "<p>Text</p>"}
    approved = PolicyVersion.objects.create(number=1, status=VersionStatus.APPROVED,
                                            approved_on=date(2026, 9, 1), approved_by=author,
                                            next_review_on=date(2027, 9, 1), **common)
    policy.current = approved
    policy.save(update_fields=["current"])
    return policy, approved, PolicyVersion.objects.create(number=2, **common)


def policy(t: Any) -> dict:
    return {"pk": t.policy.pk}


def draft(t: Any) -> dict:
    return {"pk": t.policy_draft.pk}


# Refusals the service explains (a draft already open, a draft not yet sent for sign-off,
# a person outside the audience confirming) come back as a message and a redirect (302); a
# step someone may see but not take is a 403 that says who takes it.
QUALITY_READERS = {"head", "slt", "nominee", "reviewer"}
ROWS = {
    "policies:library": (None, "get", None, dict.fromkeys(ALL, 200)),
    "policies:template-adopt": (lambda t: {"centre_id": t.centre.pk, "kind": "malpractice"},
                                "post", lambda p: {}, expect({"nominee"}, 302, STAFF)),
    "policies:policy-detail": (policy, "get", None, expect(READERS)),
    "policies:policy-readers": (policy, "get", None, expect(QUALITY_READERS, 200, READERS)),
    "policies:policy-remind": (policy, "post", lambda p: {},
                               expect({"nominee"}, 302, READERS)),
    "policies:version-new": (policy, "post", lambda p: {}, expect({"nominee"}, 302, READERS)),
    "policies:version-detail": (draft, "get", None, expect(DRAFTS)),
    "policies:version-edit": (draft, "get", None, expect({"nominee"}, 200, DRAFTS)),
    "policies:version-submit": (draft, "post", lambda p: {}, expect({"nominee"}, 302, DRAFTS)),
    "policies:version-approve": (draft, "post", lambda p: {}, expect({"head"}, 302, DRAFTS)),
    "policies:version-confirm-read": (lambda t: {"pk": t.policy_approved.pk}, "post",
                                      lambda p: {}, expect(READERS, 302)),
}
