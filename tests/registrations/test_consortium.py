"""A consortium's lead centre reads partners' records for the shared programmes only."""

from datetime import date

import pytest

from qmr import permissions
from qmr.models import ArrangementPartner, CollaborativeArrangement
from qmr.roles import VIEW_RECORDS, Role
from registrations.models import Learner
from tests.conftest import appoint
from tests.factories import CentreFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consortium():
    lead, partner = CentreFactory(), CentreFactory()
    shared = ProgrammeFactory(centre=partner, code="SHARED1")
    private = ProgrammeFactory(centre=partner, code="OWN1")
    arrangement = CollaborativeArrangement.objects.create(
        name="Sport consortium", lead_centre=lead, qualification_codes=["SHARED1"],
        lead_may_view_partner_records=True, starts_on=date(2020, 9, 1))
    ArrangementPartner.objects.create(arrangement=arrangement, centre=partner)
    learners = {"shared": LearnerFactory(programme=shared),
                "private": LearnerFactory(programme=private)}
    return lead, partner, arrangement, learners


def test_lead_centre_nominee_reads_the_shared_programme_only(consortium):
    lead, partner, _, learners = consortium
    nominee = appoint(lead, "qn@lead.example", Role.QUALITY_NOMINEE)
    seen = permissions.visible(nominee, VIEW_RECORDS, Learner.objects.all())
    assert list(seen) == [learners["shared"]]
    assert permissions.can(nominee, VIEW_RECORDS, learners["shared"])
    assert not permissions.can(nominee, VIEW_RECORDS, learners["private"])
    assert not permissions.can(nominee, permissions.MANAGE_PEOPLE, partner)


def test_partner_does_not_read_the_lead(consortium):
    lead, partner, _, _ = consortium
    own = LearnerFactory(programme=ProgrammeFactory(centre=lead, code="SHARED1"))
    partner_nominee = appoint(partner, "qn@partner.example", Role.QUALITY_NOMINEE)
    assert not permissions.can(partner_nominee, VIEW_RECORDS, own)


def test_no_reading_rights_when_the_arrangement_does_not_grant_them(consortium):
    lead, _, arrangement, learners = consortium
    arrangement.lead_may_view_partner_records = False
    arrangement.save(update_fields=["lead_may_view_partner_records"])
    nominee = appoint(lead, "qn@lead.example", Role.QUALITY_NOMINEE)
    assert not permissions.can(nominee, VIEW_RECORDS, learners["shared"])
