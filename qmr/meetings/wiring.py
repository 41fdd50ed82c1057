"""Connect meetings and actions to the core: scope paths for permission checks, and the
registries their modules join when imported (home page, navigation, evidence, demo data)."""


def connect() -> None:
    from qmr import permissions
    from qmr.meetings import demo_data, evidence, worklists  # noqa: F401  (they register)
    from qmr.meetings.models import Action, Meeting, Team
    from qmr.models import Centre

    permissions.register(Team, {Centre: "centre"})
    permissions.register(Meeting, {Centre: "team__centre"})
    permissions.register(Action, {Centre: "centre"})
