"""The policy library's steps: adopt a template, edit a draft, sign off, read, remind; and
each refusal leaves the records as they were."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from qmr.errors import DomainError
from qmr.evidence import Status
from qmr.policies import evidence, services
from qmr.policies.models import PolicyKind, PolicyVersion, ReadConfirmation, VersionStatus
from tests.policies.conftest import approve

pytestmark = pytest.mark.django_db


def test_the_appeals_template_names_its_stages_and_limits(draft):
    assert draft.policy.title == "Appeals policy" and draft.is_draft
    for figure in ("| 5 working days |", "| 14 working days |", "18 months"):
        assert figure in draft.body
    assert "<script" not in draft.body_html and "<h2>" in draft.body_html


def test_a_centre_adopts_each_template_once(world, draft):
    with pytest.raises(DomainError, match="already has"):
        services.adopt_template(actor=world["nominee"], centre=world.centre,
                                kind=PolicyKind.APPEALS)
    assert PolicyVersion.objects.count() == 1


def test_only_the_quality_nominee_adopts_a_template(world):
    with pytest.raises(PermissionDenied):
        services.adopt_template(actor=world["assessor"], centre=world.centre,
                                kind=PolicyKind.APPEALS)


def test_sign_off_makes_it_current_with_its_review_date(world, draft):
    version = approve(world, draft, approved_on=date(2026, 11, 2))
    assert version.status == VersionStatus.APPROVED and version.approved_by == world["head"]
    assert version.next_review_on == date(2027, 11, 2)
    version.policy.refresh_from_db()
    assert version.policy.current == version


@pytest.mark.parametrize("persona", ["nominee", "slt", "assessor", "outsider"])
def test_only_the_head_of_centre_signs_off(world, draft, persona):
    services.edit_draft(actor=world["nominee"], version=draft, approving_committee="Gov",
                        change_summary="First")
    services.submit_for_sign_off(actor=world["nominee"], version=draft)
    with pytest.raises(PermissionDenied):
        services.approve_version(actor=world[persona], version=draft)
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT and draft.approved_by is None


def test_an_approved_version_is_never_edited(world, draft):
    version = approve(world, draft)
    body = version.body
    with pytest.raises(DomainError, match="never changed"):
        services.edit_draft(actor=world["nominee"], version=version, body="Rewritten")
    version.refresh_from_db()
    assert version.body == body


def test_a_change_is_a_new_version_and_the_old_one_stays(world, draft):
    first = approve(world, draft)
    second = services.start_new_version(actor=world["nominee"], policy=first.policy)
    services.edit_draft(actor=world["nominee"], version=second, body=first.body + "\nMore.")
    approve(world, second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED and first.body != second.body
    assert second.number == 2 and second.policy.current_id == second.pk


def test_rich_text_is_sanitised(world, draft):
    services.edit_draft(actor=world["nominee"], version=draft,
                        body="Hi <script>alert(1)</script> [x](javascript:alert(1))")
    draft.refresh_from_db()
    assert "<script" not in draft.body_html and "javascript:" not in draft.body_html


def test_readers_confirm_and_the_nominee_reminds_the_rest(world, draft, teachers,
                                                          django_capture_on_commit_callbacks):
    version = approve(world, draft)
    for teacher in teachers[:2]:
        services.confirm_read(actor=teacher, version=version)
    with django_capture_on_commit_callbacks(execute=True):
        count = services.remind_readers(actor=world["nominee"], policy=version.policy)
    assert teachers[2].email in {m.to[0] for m in mail.outbox}
    assert teachers[0].email not in {m.to[0] for m in mail.outbox}
    assert count == len(mail.outbox)
    assert evidence.read_by_staff(world.centre).status == Status.WEAK


def test_someone_outside_the_audience_has_nothing_to_confirm(world, draft):
    version = approve(world, draft)
    with pytest.raises(DomainError, match="not addressed"):
        services.confirm_read(actor=world["outsider"], version=version)
    assert not ReadConfirmation.objects.exists()


def test_overdue_review_shows_in_the_evidence(world, draft):
    approve(world, draft, approved_on=date(2025, 10, 1))
    result = evidence.reviews_current(world.centre)
    # The appeals policy is one the awarding body requires: overdue, the measure is missing.
    assert result.status == Status.MISSING and "review overdue since 1 October 2026" in \
        result.records[0].label
    assert result.summary.startswith("Appeals policy is past the review date")
    complete = evidence.library_complete(world.centre)
    assert complete.status == Status.WEAK and "1 of the 8 expected" in complete.summary
