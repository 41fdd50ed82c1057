"""On the demo centre itself: the proposed sample covers every assessor, unit, criterion,
assignment, site and band of each programme's assessed work, and an assessor deliberately left
out shows as a gap (the page that draws it is tested in test_pages)."""

import io

import pytest
from django.core.management import call_command

from registrations.models import Programme
from verification.sampling import coverage, propose_sample
from verification.selectors import candidates, current_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return Programme.objects.filter(centre__number="48213")


def test_the_proposal_covers_everything_on_every_demo_programme(demo):
    assessed = 0
    for programme in demo:
        found, assessors, _ = candidates(programme, current_year(programme))
        if not found:
            continue
        assessed += 1
        result = coverage(propose_sample(found, assessors), found, assessors)
        assert result.complete, (programme, result.missing)
    assert assessed  # the demo has assessed work to sample


def test_an_assessor_left_out_of_a_demo_sample_shows_as_a_gap(demo):
    programme = next(p for p in demo if candidates(p, current_year(p))[0])
    found, assessors, _ = candidates(programme, current_year(programme))
    left_out = assessors[0].id
    sample = [pk for pk in propose_sample(found, assessors)
              if not any(c.submission_id == pk and c.assessor_id == left_out for c in found)]
    gap = coverage(sample, found, assessors)
    assert left_out in gap.missing["assessors"] and not gap.complete
