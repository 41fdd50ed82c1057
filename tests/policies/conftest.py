import pytest

from qmr.policies import services
from qmr.policies.models import PolicyKind
from qmr.roles import Role
from tests.conftest import appoint


@pytest.fixture
def teachers(world):
    """Three more assessors of the programme: the appeals policy is addressed to them."""
    return [appoint(world.centre, f"teacher{i}@a.example", Role.ASSESSOR, world.programme)
            for i in range(3)]


@pytest.fixture
def draft(world):
    return services.adopt_template(actor=world["nominee"], centre=world.centre,
                                   kind=PolicyKind.APPEALS)


def approve(world, version, **kw):
    services.edit_draft(actor=world["nominee"], version=version,
                        approving_committee="Governors", change_summary="First version")
    services.submit_for_sign_off(actor=world["nominee"], version=version)
    return services.approve_version(actor=world["head"], version=version, **kw)
