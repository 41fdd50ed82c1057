"""Policy text typed with script in it shows on the policy's pages as harmless text."""

from typing import Any

import pytest
from django.urls import reverse

from qmr.policies import services
from qmr.policies.models import PolicyKind
from tests.policies.conftest import approve

pytestmark = pytest.mark.django_db

ATTACK = """## Appeals

Read <script>alert("script")</script> this.

<img src="x" onerror="alert('img')">

[Open the form](javascript:alert('link')) or [the handbook](https://example.org/handbook).

<a href="javascript:alert('raw')" onclick="alert('click')">raw link</a>

<iframe src="https://evil.example/"></iframe>
"""


def test_script_handlers_and_javascript_links_never_reach_the_page(world: Any,
                                                                   login: Any) -> None:
    draft = services.adopt_template(actor=world["nominee"], centre=world.centre,
                                    kind=PolicyKind.APPEALS)
    services.edit_draft(actor=world["nominee"], version=draft, body=ATTACK)
    draft_page = login(world["head"]).get(reverse("policies:version-detail", args=[draft.pk]))
    approve(world, draft)
    policy_page = login(world["assessor"]).get(reverse("policies:policy-detail",
                                                       args=[draft.policy_id]))
    for response in (draft_page, policy_page):
        assert response.status_code == 200
        page = response.content.decode()
        assert 'href="https://example.org/handbook"' in page  # ordinary links still work
        for bad in ("alert(", "onerror", "onclick", "javascript:", "<iframe", "<img"):
            assert bad not in page, bad
