"""The certification pages' query counts do not grow between 3 and 30 claims."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from registrations.models import CertificateAnomaly, Claim, ClaimEntry, Learner, StudentReport

pytestmark = pytest.mark.django_db


def grow(world, n, start):
    """n claims of two learners each, in every state: unconfirmed, awaiting certificates,
    received, checked, held by an anomaly; and n checked reports not yet claimed."""
    learners = Learner.objects.bulk_create([
        Learner(centre=world.centre, programme=world.programme, centre_ref=f"Q{start + i:05d}",
                first_name=f"F{i}", last_name=f"L{i}", date_of_birth=date(2009, 1, 1))
        for i in range(3 * n)])
    now = timezone.now()
    report = {"units": [{"unit_id": 1, "code": "1", "title": "U", "grade": "P", "points": 6}],
              "points": 6, "grade": "P", "completed_by": world["lead_iv"],
              "checked_by": world["leader"], "checked_at": now}
    reports = StudentReport.objects.bulk_create([StudentReport(learner=lr, **report)
                                                 for lr in learners])
    for i in range(n):
        claim = Claim.objects.create(programme=world.programme, submitted_by=world["exams"],
                                     deadline=date(2027, 7, 31), late=i % 3 == 0,
                                     confirmed_by=world["nominee"] if i % 4 else None,
                                     confirmed_at=now if i % 4 else None)
        received = date(2026, 11, 2) if i % 2 else None
        entries = ClaimEntry.objects.bulk_create([
            ClaimEntry(claim=claim, learner=reports[j].learner, report=reports[j],
                       certificate_received_on=received,
                       check_due_on=received and received + timedelta(days=3),
                       checked_on=received if i % 5 == 1 else None)
            for j in (2 * i, 2 * i + 1)])
        if i % 3 == 1:
            CertificateAnomaly.objects.create(entry=entries[0], kind="grade", description="x",
                                              reported_by=world["exams"])


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


@pytest.mark.parametrize("persona,name", [("exams", "registrations:claims-queue"),
                                          ("nominee", "registrations:certification-overview"),
                                          ("leader", "qmr:home"), ("exams", "qmr:home"),
                                          ("nominee", "qmr:home")])
def test_certification_pages_do_not_grow(client, world, persona, name):
    client.force_login(world[persona])
    grow(world, 3, 0)
    small = count(client, reverse(name))
    grow(world, 30, 100)
    assert count(client, reverse(name)) == small


def test_claim_page_does_not_grow_with_its_learners(client, world):
    client.force_login(world["exams"])
    grow(world, 2, 0)  # 6 reports, 4 of them claimed
    small_claim = Claim.objects.order_by("pk").last()
    small = count(client, reverse("registrations:claim-detail", args=[small_claim.pk]))
    grow(world, 10, 100)  # leaves 12 checked reports unclaimed
    big_claim = Claim.objects.create(programme=world.programme, submitted_by=world["exams"],
                                     deadline=date(2027, 7, 31))
    for report in StudentReport.objects.filter(claim_entry__isnull=True):
        ClaimEntry.objects.create(claim=big_claim, learner=report.learner, report=report)
    assert big_claim.entries.count() == 12
    assert count(client, reverse("registrations:claim-detail", args=[big_claim.pk])) == small
