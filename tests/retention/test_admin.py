"""The admin shows the guard's refusal as a message (never a server error) and deletes
nothing, from a record's delete page and from the "delete selected" action alike."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from assessment.models import Submission
from tests.retention.conftest import certify, make_record

pytestmark = pytest.mark.django_db

REFUSAL = ("Assessment records are kept until three years after certification: this one can "
           "be deleted from 3 March 2029.")


@pytest.fixture
def submission(world):
    submission = make_record(world, bare=True)
    certify(submission.learner, date(2026, 3, 3))
    return submission


def test_the_delete_page_refuses_with_the_message(client, admin_user, submission):
    client.force_login(admin_user)
    url = reverse("admin:assessment_submission_delete", args=[submission.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_the_delete_selected_action_refuses_with_the_message(client, admin_user, submission):
    client.force_login(admin_user)
    response = client.post(reverse("admin:assessment_submission_changelist"),
                           {"action": "delete_selected", "_selected_action": [submission.pk],
                            "post": "yes"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200 and f"Nothing was deleted. {REFUSAL}" in page
    assert "Successfully deleted" not in page
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_past_its_time_the_admin_deletes_it(client, admin_user, submission):
    with time_machine.travel(date(2029, 3, 3)):
        client.force_login(admin_user)
        client.post(reverse("admin:assessment_submission_delete", args=[submission.pk]),
                    {"post": "yes"})
    assert not Submission.objects.filter(pk=submission.pk).exists()
