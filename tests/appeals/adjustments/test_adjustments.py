"""Reasonable adjustments and special consideration, through the services and the pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appeals.adjustments import services
from appeals.adjustments.models import (
    ConsiderationStatus,
    ReasonableAdjustment,
    SpecialConsideration,
)
from qmr.errors import DomainError
from tests.appeals.conftest import (  # noqa: F401  (fixtures)
    all_results,
    assignment,
    cohort,
    hand_in,
    issued,
    plan,
    unit,
    year,
)

pytestmark = pytest.mark.django_db


def _agree(world, assignment, who="leader", **kw):  # noqa: F811
    return services.agree_adjustment(
        actor=world[who], learner=world["learner"].learner, assignment=assignment,
        kind=kw.get("kind", "extra_time"), details="25% extra time",
        evidence="Learning support assessment, Year 10.")


def _request(world, assignment, who="assessor"):  # noqa: F811
    return services.request_consideration(
        actor=world[who], learner=world["learner"].learner, assignment=assignment,
        kind="illness", assessed_on=timezone.localdate(), circumstances="Flu in the week.")


def _client(person):
    client = Client()
    client.force_login(person)
    return client


def test_an_adjustment_is_agreed_before_the_work_is_handed_in(world, issued, assignment):  # noqa: F811
    adjustment = _agree(world, assignment)
    assert adjustment.retain_until.year == adjustment.agreed_on.year + 3
    with pytest.raises(DomainError, match="can be deleted from"), transaction.atomic():
        adjustment.delete()
    hand_in(world, assignment)
    with pytest.raises(DomainError, match="already handed in"):
        _agree(world, assignment, kind="reader")
    assert ReasonableAdjustment.objects.count() == 1


def test_only_the_programme_leader_or_the_nominee_agrees_one(world, issued, assignment):  # noqa: F811
    for who in ("assessor", "iv", "exams", "outsider"):
        with pytest.raises(PermissionDenied):
            _agree(world, assignment, who)
    assert _agree(world, assignment, "nominee")


def test_the_assessor_and_the_iv_see_it_on_the_work(world, issued, assignment):  # noqa: F811
    _agree(world, assignment)
    work = hand_in(world, assignment)
    url = reverse("assessment:submission-detail", args=[work.pk])
    for who in ("assessor", "iv"):
        assert "Reasonable adjustment applied: extra time, 25% extra time" in _client(
            world[who]).get(url).content.decode()


def test_only_the_head_authorises_special_consideration(world, issued, assignment):  # noqa: F811
    request = _request(world, assignment)
    assert request.due_at_awarding_body == request.assessed_on + timedelta(days=14)
    for who in ("slt", "nominee", "assessor"):
        with pytest.raises(PermissionDenied):
            services.decide_consideration(actor=world[who], request=request, authorise=True,
                                          reasons="x")
    request.refresh_from_db()
    assert request.status == ConsiderationStatus.REQUESTED
    with pytest.raises(DomainError, match="Only an authorised request"):
        services.record_sent(actor=world["head"], request=request)
    services.decide_consideration(actor=world["head"], request=request, authorise=True,
                                  reasons="The note covers it.")
    services.record_learner_told(actor=world["assessor"], request=request)
    services.record_sent(actor=world["nominee"], request=request)
    request.refresh_from_db()
    assert request.status == ConsiderationStatus.AUTHORISED and not request.sent_late
    assert request.learner_told_on == timezone.localdate()


def test_a_request_before_the_assessment_is_refused(world, issued, assignment):  # noqa: F811
    with pytest.raises(DomainError, match="after the assessment"):
        services.request_consideration(
            actor=world["assessor"], learner=world["learner"].learner, assignment=assignment,
            kind="illness", assessed_on=timezone.localdate() + timedelta(days=1),
            circumstances="x")
    assert not SpecialConsideration.objects.exists()


def test_the_pages_are_for_the_programme_team_only(world, issued, assignment):  # noqa: F811
    request = _request(world, assignment)
    page = reverse("appeals:programme-adjustments", args=[world.programme.pk])
    detail = reverse("appeals:consideration-detail", args=[request.pk])
    assert _client(world["leader"]).get(page).status_code == 200
    for who in ("learner", "exams", "outsider"):
        assert _client(world[who]).get(page).status_code == 404
        assert _client(world[who]).get(detail).status_code == 404
    response = _client(world["head"]).post(reverse("appeals:consideration-decide",
                                                   args=[request.pk]),
                                           {"decision": "refuse", "reasons": "No evidence."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == ConsiderationStatus.REFUSED


def test_the_programme_page_keeps_its_query_count(world, issued, assignment):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(world["leader"])
    url = reverse("appeals:programme-adjustments", args=[world.programme.pk])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    _request(world, assignment)
    small = count()
    for learner in world["learner"].learner.cohort.learners.all():
        services.request_consideration(actor=world["assessor"], learner=learner,
                                       assignment=assignment, kind="absence",
                                       assessed_on=timezone.localdate(), circumstances="x")
        services.agree_adjustment(actor=world["leader"], learner=learner,
                                  assignment=assignment, kind="reader", details="A reader",
                                  evidence="x")
    assert count() == small


def test_the_demo_adjustment_shows_in_the_standards_verifiers_sample():
    from django.core.management import call_command

    from assessment.models import Submission
    from qmr.models import User

    call_command("load_demo")
    work = Submission.objects.get(learner__first_name="Tariq", learner__last_name="Mbeki",
                                  assignment__title="Careers in the sports industry")
    page = _client(User.objects.get(email="sv@awarding.example")).get(
        reverse("verification:sv-work", args=[work.pk])).content.decode()
    assert "Reasonable adjustment applied: extra time, 25% extra time for the written report" \
        in page
    assert reverse("appeals:programme-adjustments",
                   args=[work.assignment.plan.programme_id]) not in page


def test_the_list_and_a_request_keep_their_query_count(world, issued, assignment):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    head = _client(world["head"])
    first = _request(world, assignment)
    urls = [reverse("appeals:adjustments"),
            reverse("appeals:consideration-detail", args=[first.pk])]
    small = [count(head, u) for u in urls]
    for learner in world["learner"].learner.cohort.learners.all():
        services.request_consideration(actor=world["assessor"], learner=learner,
                                       assignment=assignment, kind="absence",
                                       assessed_on=timezone.localdate(), circumstances="x")
    assert [count(head, u) for u in urls] == small
