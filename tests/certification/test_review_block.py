"""A review's insufficient-evidence judgement on QO.3 recommends a certification block; once
the Head of Centre records that the awarding body confirmed it, the claim pages refuse every
claim of the centre, and the release lets them through again."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from qmr import blocks
from qmr.framework.models import Objective
from qmr.review import services
from qmr.review.models import BlockRecommendation
from registrations import certification
from registrations.models import Claim
from tests.review.conftest import open_review

pytestmark = pytest.mark.django_db
AFTER_VISIT = datetime(2027, 3, 15, 10, tzinfo=ZoneInfo("Europe/London"))


def test_a_confirmed_block_stops_claims_in_the_pages_until_released(client, world, claimable):
    review = open_review(world)
    report = certification.check_student_report(
        actor=world["leader"],
        report=certification.complete_student_report(actor=world["lead_iv"], learner=claimable))
    with time_machine.travel(AFTER_VISIT, tick=True):
        for o in Objective.objects.filter(version=review.cycle.definition.version_id):
            services.record_judgement(actor=world["reviewer"], cycle=review.cycle, objective=o,
                                      verdict="insufficient" if o.code == "QO.3" else "effective")
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
        recommendation = BlockRecommendation.objects.get()

        client.force_login(world["exams"])
        submit = reverse("registrations:claim-submit", args=[world.programme.pk])
        # Recommended only: nothing is blocked yet.
        assert blocks.open_block(world.centre.pk) is None

        client.force_login(world["head"])
        client.post(reverse("review:block-confirm", args=[recommendation.pk]))
        block = blocks.open_block(world.centre.pk)
        assert block is not None and "QO.3" in block.reason

        client.force_login(world["exams"])
        page = client.post(submit, {"report": [report.pk]}, follow=True).content.decode()
        assert "blocked certification" in page
        assert not Claim.objects.exists()

        blocks.release_certification_block(actor=world["head"], block=block)
        page = client.post(submit, {"report": [report.pk]}, follow=True).content.decode()
        assert "Claim submitted" in page
        assert Claim.objects.count() == 1
