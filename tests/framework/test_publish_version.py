"""A draft copy is shown to centres once an administrator publishes it."""

import pytest
from django.core.exceptions import PermissionDenied

from qmr.errors import DomainError, TransitionNotAllowed
from qmr.framework import services
from qmr.framework.models import FrameworkVersion, Objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(admin_user, shipped):
    return services.copy_version(actor=admin_user, source=shipped,
                                 name="Quality Management Review 2017-18", first_year=2017)


def test_it_publishes_a_draft(admin_user, draft):
    services.publish_version(actor=admin_user, version=draft)
    draft.refresh_from_db()
    assert draft.status == FrameworkVersion.Status.PUBLISHED
    assert draft.history.latest().history_user == admin_user


def test_it_refuses_a_version_already_published(admin_user, shipped):
    with pytest.raises(TransitionNotAllowed, match="not a draft"):
        services.publish_version(actor=admin_user, version=shipped)


def test_it_refuses_an_objective_with_no_measures(admin_user, draft):
    Objective.objects.create(version=draft, number=11, code="QO.11", title="New",
                             statement="x")
    with pytest.raises(DomainError, match=r"\(QO.11\)"):
        services.publish_version(actor=admin_user, version=draft)
    draft.refresh_from_db()
    assert draft.status == FrameworkVersion.Status.DRAFT


def test_a_centre_role_cannot_publish(world, draft):
    with pytest.raises(PermissionDenied):
        services.publish_version(actor=world["head"], version=draft)
