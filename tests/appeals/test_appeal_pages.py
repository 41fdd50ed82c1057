"""The appeal pages: what the learner and the staff see, refusals as 404 or 403, and query
counts that do not grow with the number of appeals."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appeals.decisions import services
from appeals.decisions.models import Appeal

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_learner_lodges_from_my_appeals(world, mine, login):
    client = login(world["learner"])
    page = client.get(reverse("appeals:my-appeals")).content.decode()
    assert "Careers in sport" in page and reverse("appeals:lodge", args=[mine.pk]) in page
    response = client.post(reverse("appeals:lodge", args=[mine.pk]), {"grounds": ""})
    assert "Say why the decision should change." in response.content.decode()
    assert not Appeal.objects.exists()
    response = client.post(reverse("appeals:lodge", args=[mine.pk]),
                           {"grounds": "P2 is on page 3."}, follow=True)
    appeal = Appeal.objects.get()
    assert response.redirect_chain[-1][0] == reverse("appeals:appeal-detail", args=[appeal.pk])
    assert "Stage 1: the assessor and the learner" in response.content.decode()


def test_another_learner_or_centre_gets_404_and_the_iv_cannot_decide_stage_one(
        world, appeal, released, login):
    from tests.conftest import appoint

    other = next(lr for pk, lr in ((d.submission.learner_id, d.submission.learner)
                                   for d in released.values())
                 if pk != world["learner"].learner.pk)
    other.user = appoint(world.centre, "other.learner@a.example", "learner")
    other.save(update_fields=["user"])
    url = reverse("appeals:appeal-detail", args=[appeal.pk])
    assert login(other.user).get(url).status_code == 404
    assert login(world["outsider"]).get(url).status_code == 404
    stage = appeal.stages.get()
    response = login(world["iv"]).post(reverse("appeals:stage-decide", args=[stage.pk]),
                                       {"outcome": "upheld", "reasons": "x"})
    assert response.status_code == 403
    stage.refresh_from_db()
    assert stage.outcome == ""


def test_the_assessor_decides_on_the_page_and_the_learner_sees_the_outcome(
        world, appeal, login):
    stage = appeal.stages.get()
    page = login(world["assessor"]).get(reverse("appeals:appeal-detail", args=[appeal.pk]))
    assert "Decide stage 1" in page.content.decode()
    login(world["assessor"]).post(reverse("appeals:stage-decide", args=[stage.pk]), {
        "outcome": "not_upheld", "reasons": "P2 needs a comparison of two roles."})
    page = login(world["learner"]).get(reverse("appeals:appeal-detail", args=[appeal.pk]))
    text = page.content.decode()
    assert "P2 needs a comparison of two roles." in text and "Take it to stage 2" in text
    assert "History" not in text  # the staff's record of who changed what


def _client(person):
    client = Client()
    client.force_login(person)
    return client


def test_the_pages_keep_their_query_count(world, released):
    """One appeal, then four (three of them decided): the log, an appeal's page and the
    learner's page cost the same."""
    nominee, learner = _client(world["nominee"]), _client(world["learner"])
    decisions = list(released.values())
    first = services.lodge_appeal(actor=world["assessor"], decision=decisions[0], grounds="x")
    urls = [(nominee, reverse("appeals:log")),
            (nominee, reverse("appeals:appeal-detail", args=[first.pk])),
            (learner, reverse("appeals:my-appeals"))]
    small = [_count(c, u) for c, u in urls]
    for d in decisions[1:]:
        appeal = services.lodge_appeal(actor=world["assessor"], decision=d, grounds="x")
        services.decide_stage(actor=world["assessor"], stage=services.current_stage(appeal),
                              outcome="not_upheld", reasons="Stands.")
    assert [_count(c, u) for c, u in urls] == small


def test_the_work_page_links_to_lodging_and_then_to_the_appeal(world, mine):
    iv = _client(world["iv"])
    url = reverse("assessment:submission-detail", args=[mine.submission_id])
    assert reverse("appeals:lodge", args=[mine.pk]) in iv.get(url).content.decode()
    appeal = services.lodge_appeal(actor=world["iv"], decision=mine, grounds="For Martha.")
    page = iv.get(url).content.decode()
    assert "The appeal against this result (open)" in page
    assert reverse("appeals:appeal-detail", args=[appeal.pk]) in page
    assert reverse("appeals:lodge", args=[mine.pk]) not in page


def test_the_learner_reads_the_rules_and_the_centres_own_policies(world, login):
    from qmr.policies import services as policies
    from tests.policies.conftest import approve

    client = login(world["learner"])
    page = client.get(reverse("appeals:my-appeals")).content.decode()
    assert "within 10 term-time working days of receiving a result" in page
    assert "Work made with AI tools is not accepted here" in page
    version = approve(world, policies.adopt_template(actor=world["nominee"],
                                                     centre=world.centre, kind="appeals"))
    page = client.get(reverse("appeals:my-appeals")).content.decode()
    assert reverse("policies:policy-detail", args=[version.policy_id]) in page


def test_the_grids_name_results_in_doubt_and_open_appeals(world, appeal, assignment, unit,
                                                          released):
    from tests.appeals.conftest import decide, upheld_results

    cohort = world["learner"].learner.cohort
    grid = reverse("assessment:grid-unit", args=[cohort.pk, unit.pk])
    learner = world["learner"].learner
    page = _client(world["lead_iv"]).get(grid).content.decode()
    assert f"{learner.last_name}, {learner.first_name}, Careers in sport: an appeal is open" in page
    decide(world, appeal, "assessor", outcome="upheld", reasons="Met.",
           results=upheld_results(assignment), others_in_doubt=True)
    page = _client(world["lead_iv"]).get(grid).content.decode()
    assert page.count("in doubt after another learner&#x27;s appeal") == len(released) - 1
    assert "an appeal is open" not in page
    own = _client(world["learner"]).get(grid).content.decode()
    assert "Results that may change" not in own  # none of them is the learner's own


def test_a_review_of_the_log_is_recorded_and_evidenced(world, appeal, year):
    from appeals.decisions.evidence import patterns_reviewed
    from qmr.evidence import Status

    assert patterns_reviewed(world.centre).status == Status.WEAK
    url = reverse("appeals:log-review", args=[world.centre.pk, year.pk])
    client = _client(world["nominee"])
    client.post(url, {"findings": ""})
    assert patterns_reviewed(world.centre).status == Status.WEAK
    assert _client(world["iv"]).post(url, {"findings": "x"}).status_code == 404
    response = client.post(url, {"findings": "Careers in sport draws appeals on P2: reword "
                                             "the brief."}, follow=True)
    assert "reword the brief" in response.content.decode()
    assert patterns_reviewed(world.centre).status == Status.IN_PLACE


def test_the_lodge_page_keeps_its_query_count(world, released):
    decisions = list(released.values())
    learner = _client(world["learner"])
    mine = released[world["learner"].learner.pk]
    url = reverse("appeals:lodge", args=[mine.pk])
    small = _count(learner, url)
    for d in decisions:
        if d.pk != mine.pk:
            services.lodge_appeal(actor=world["assessor"], decision=d, grounds="x")
    assert _count(learner, url) == small
