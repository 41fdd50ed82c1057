"""Each role's home page lists what needs them now."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_nominee_sees_external_access_ending_soon(client, world):
    client.force_login(world["nominee"])
    page = client.get("/").content.decode()
    assert "What needs you now" in page
    assert "Reviewer&#x27;s appointment as Centre Quality Reviewer (external) ends" in page
    last_day = timezone.localdate() + timedelta(days=30)
    assert f"{last_day:%B} {last_day.year}" in page


def test_assessor_sees_their_roles_and_no_one_elses_work(client, world):
    client.force_login(world["assessor"])
    page = client.get("/").content.decode()
    assert "<strong>Assessor</strong>" in page
    assert "appointment as" not in page


def test_someone_with_no_role_is_told_why_the_page_is_empty(client, django_user_model):
    person = django_user_model.objects.create_user("nobody@x.example", "pw", full_name="No One")
    client.force_login(person)
    assert "You hold no role" in client.get("/").content.decode()
