"""The library's pages: who reads what (drafts only their author, approvers and the Quality
Nominee), the figures beside the text, query counts that do not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qmr.policies import services
from qmr.policies.models import PolicyKind
from tests.policies.conftest import approve

pytestmark = pytest.mark.django_db


def test_a_teacher_cannot_read_a_draft_or_another_centres(world, draft, login):
    client = login(world["assessor"])
    assert client.get(reverse("policies:version-detail", args=[draft.pk])).status_code == 404
    other = services.adopt_template(actor=world["outsider"], centre=world.other_centre,
                                    kind=PolicyKind.APPEALS)
    assert client.get(reverse("policies:version-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("policies:policy-detail", args=[other.policy_id])
                      ).status_code == 404


def test_the_head_reads_the_draft_and_everyone_reads_the_approved(world, draft, login):
    assert login(world["head"]).get(reverse("policies:version-detail",
                                            args=[draft.pk])).status_code == 200
    approve(world, draft)
    page = login(world["assessor"]).get(reverse("policies:policy-detail",
                                                args=[draft.policy_id]))
    assert "I have read version 1" in page.text


def test_editing_an_approved_version_is_refused_on_the_page(world, draft, login):
    approve(world, draft)
    response = login(world["nominee"]).post(reverse("policies:version-edit", args=[draft.pk]),
                                            {"body": "x"}, follow=True)
    assert "never changed" in response.text
    draft.refresh_from_db()
    assert draft.body != "x"


def test_the_assessment_policy_shows_the_enforced_resubmission_window(world, login):
    version = services.adopt_template(actor=world["nominee"], centre=world.centre,
                                      kind=PolicyKind.ASSESSMENT)
    approve(world, version)
    page = login(world["assessor"]).get(reverse("policies:policy-detail",
                                                args=[version.policy_id]))
    assert "Resubmission window" in page.text and "10 term-time working days" in page.text


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_library_and_the_readers_keep_their_query_count(world, draft, teachers, login):
    version = approve(world, draft)
    client = login(world["nominee"])
    library, detail = reverse("policies:library"), reverse("policies:policy-detail",
                                                           args=[version.policy_id])
    # 1 session 2 user 3 grants 4 consortium grants 5 policies with draft numbers
    # 6 adopted kinds 7 the centres the person keeps the library of
    small = (_count(client, library), _count(client, detail))
    for kind in (PolicyKind.ASSESSMENT, PolicyKind.MALPRACTICE, PolicyKind.SAFEGUARDING):
        approve(world, services.adopt_template(actor=world["nominee"], centre=world.centre,
                                               kind=kind))
    for teacher in teachers:
        services.confirm_read(actor=teacher, version=version)
    assert (_count(client, library), _count(client, detail)) == small
    assert small[0] == 7
