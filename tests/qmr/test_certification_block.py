"""The awarding body's certification block, recorded and released by the Quality Nominee or
the Head of Centre; while one is in force the centre's claims are refused (see
tests/registrations/test_eligibility.py)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from qmr import blocks
from qmr.audit import AuditEvent
from qmr.errors import DomainError
from qmr.models import CertificationBlock

pytestmark = pytest.mark.django_db


def block(world, **kw):
    kw.setdefault("set_on", timezone.localdate() - timedelta(days=3))
    return blocks.set_certification_block(actor=world["nominee"], centre=world.centre,
                                          reason="QO.9 insufficient evidence", **kw)


def test_the_nominee_records_a_block(world):
    b = block(world)
    assert blocks.open_block(world.centre.pk) == b
    assert (b.set_by, b.history.get().history_user) == (world["nominee"], world["nominee"])
    assert AuditEvent.objects.filter(code="qmr.certification_block.set").count() == 1


def test_an_assessor_cannot_record_one(world):
    with pytest.raises(PermissionDenied):
        blocks.set_certification_block(actor=world["assessor"], centre=world.centre,
                                       reason="x")
    assert not CertificationBlock.objects.exists()


@pytest.mark.parametrize("reason,days,message", [
    (" ", 0, "Give the reason"),
    ("QO.3", -1, "cannot be in the future"),
])
def test_a_block_needs_a_reason_and_a_day_not_in_the_future(world, reason, days, message):
    with pytest.raises(DomainError, match=message):
        blocks.set_certification_block(actor=world["head"], centre=world.centre, reason=reason,
                                       set_on=timezone.localdate() - timedelta(days=days))
    assert not CertificationBlock.objects.exists()


def test_one_block_at_a_time(world):
    block(world)
    with pytest.raises(DomainError, match="already in force"):
        block(world)
    assert CertificationBlock.objects.count() == 1


def test_the_block_is_released_once(world):
    b = block(world)
    blocks.release_certification_block(actor=world["head"], block=b)
    b.refresh_from_db()
    assert (b.released_on, b.released_by) == (timezone.localdate(), world["head"])
    assert blocks.open_block(world.centre.pk) is None
    with pytest.raises(DomainError, match="already been released"):
        blocks.release_certification_block(actor=world["head"], block=b)
    assert block(world).pk != b.pk  # a new block can follow


def test_a_release_before_the_block_is_refused(world):
    b = block(world)
    with pytest.raises(DomainError, match="between the day the block was applied and today"):
        blocks.release_certification_block(actor=world["nominee"], block=b,
                                           released_on=b.set_on - timedelta(days=1))
    b.refresh_from_db()
    assert b.released_on is None


def test_the_settings_page_records_and_releases_it(client, world):
    client.force_login(world["nominee"])
    settings = reverse("qmr:centre-settings", args=[world.centre.pk])
    assert "No block: claims can be made." in client.get(settings).content.decode()
    client.post(reverse("qmr:certification-block-set", args=[world.centre.pk]),
                {"reason": "QO.3 insufficient", "set_on": "2026-01-05"})
    page = client.get(settings).content.decode()
    assert "blocked certification for the centre since 5 January 2026: QO.3 insufficient" in page
    client.post(reverse("qmr:certification-block-release", args=[world.centre.pk]))
    assert CertificationBlock.objects.get().released_on == timezone.localdate()


def test_a_block_without_its_day_is_refused_on_the_page(client, world):
    client.force_login(world["head"])
    response = client.post(reverse("qmr:certification-block-set", args=[world.centre.pk]),
                           {"reason": "QO.3"}, follow=True)
    assert "Check the block&#x27;s details" in response.content.decode()
    assert not CertificationBlock.objects.exists()


def test_admin_lists_blocks_read_only(client, world, admin_user):
    block(world, set_on=date(2026, 1, 5))
    client.force_login(admin_user)
    response = client.get(reverse("admin:qmr_certificationblock_changelist"))
    assert response.status_code == 200 and b"QO.9 insufficient evidence" in response.content
    assert client.get(reverse("admin:qmr_certificationblock_add")).status_code == 403
