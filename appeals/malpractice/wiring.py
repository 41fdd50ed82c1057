"""Connect malpractice cases to the rest of the product: scope paths for permission checks,
retention, the receiver that opens a case from a fraudulent registration flag, and the
registries its modules join when imported (evidence, home page, navigation, demo, admin).
Called from AppealsConfig.ready()."""

from typing import Any


def flag_raised(sender: Any, flag: Any, **kwargs: Any) -> None:
    from appeals.malpractice import services

    services.open_from_flag(flag)


def connect() -> None:
    from appeals.malpractice import admin, demo_data, evidence, retention, worklists  # noqa: F401
    from appeals.malpractice.models import CaseEvidence, MalpracticeCase
    from qmr import permissions
    from qmr.models import Centre
    from registrations.signals import registration_flagged

    # Centre-wide only: a programme's or subject area's roles never reach a case.
    permissions.register(MalpracticeCase, {Centre: "centre"})
    permissions.register(CaseEvidence, {Centre: "case__centre"})
    retention.connect()
    registration_flagged.connect(flag_raised, dispatch_uid="appeals.malpractice.flag_raised")
