"""Redis down: the pages still open. Only background work goes through Redis (sessions,
login throttling and the cache live in the database and in memory), so the Quality Nominee
logs in and works; where a PDF or reminders were asked for, the page says they are delayed."""

import pytest
from django.urls import reverse

from qmr.policies import services as policies
from qmr.policies.models import PolicyKind, ReadReminder
from tests.conftest import PASSWORD
from tests.policies.conftest import approve
from tests.review.conftest import open_review

pytestmark = pytest.mark.django_db


def test_the_nominees_pages_open_and_a_pdf_asked_for_is_said_to_be_delayed(
        client, world, broker_down, committed):
    review = open_review(world)
    response = client.post(reverse("login"), {"username": world["nominee"].email,
                                              "password": PASSWORD})
    assert response.status_code == 302
    for url in (reverse("qmr:home"), reverse("review:pack", args=[review.cycle.pk]),
                reverse("policies:library")):
        assert client.get(url).status_code == 200, url
    with committed():
        response = client.post(reverse("review:pack-pdf", args=[review.cycle.pk]))
    page = client.get(response.url)
    assert page.status_code == 200
    assert "the background worker cannot be reached just now" in page.content.decode()


def test_reminders_asked_for_with_the_broker_down_still_answer_the_page(client, world,
                                                                        broker_down, committed):
    draft = policies.adopt_template(actor=world["nominee"], centre=world.centre,
                                    kind=PolicyKind.APPEALS)
    version = approve(world, draft)
    client.force_login(world["nominee"])
    with committed():
        response = client.post(reverse("policies:policy-remind", args=[version.policy.pk]),
                               follow=True)
    assert response.status_code == 200 and "Who has read" in response.content.decode()
    assert ReadReminder.objects.filter(version=version, sent_at__isnull=True).exists()
