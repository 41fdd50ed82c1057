"""Logging in by e-mail, throttling keyed on account and address together, password reset
without telling who has an account."""

import pytest
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _attempt(client, email, password, ip):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_it_logs_in_with_email_and_lands_on_home(client, world):
    response = _attempt(client, "nominee@a.example", PASSWORD, "10.0.0.1")
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Hello," in client.get("/").content.decode()


def test_a_wrong_password_says_so_without_naming_the_account(client, world):
    page = _attempt(client, "nominee@a.example", "wrong", "10.0.0.1").content.decode()
    assert "do not match an account" in page


def test_repeated_failures_lock_that_account_from_that_address_only(client, world):
    for _ in range(3):  # AXES_FAILURE_LIMIT is 3 in test settings
        _attempt(client, "nominee@a.example", "wrong", "10.0.0.1")
    locked = _attempt(client, "nominee@a.example", PASSWORD, "10.0.0.1")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # A colleague in the same staff room (same public address) still gets in ...
    assert _attempt(client, "head@a.example", PASSWORD, "10.0.0.1").status_code == 302
    # ... and so does the same person from another address.
    client.logout()
    assert _attempt(client, "nominee@a.example", PASSWORD, "10.0.0.2").status_code == 302


def test_password_reset_sends_a_link_to_a_known_address(client, world):
    response = client.post("/accounts/password/reset/", {"email": "nominee@a.example"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_password_reset_looks_the_same_for_an_unknown_address(client, world):
    known = client.post("/accounts/password/reset/", {"email": "nominee@a.example"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@a.example"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_logout_needs_a_post(client, world):
    client.force_login(world["head"])
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
