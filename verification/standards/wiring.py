"""Connect standards verification to the rest of the product: scope paths for permission
checks, and the registries its modules join when imported (evidence, home page and
navigation, demo data, the admin's sample-size table). Called from VerificationConfig.ready()."""


def connect() -> None:
    from qmr import permissions
    from qmr.models import Centre, SubjectArea
    from registrations.models import Programme
    from verification.standards import admin, demo_data, evidence, worklists  # noqa: F401
    from verification.standards.models import SampleRound, StandardsVerification, SVAction

    paths = {Programme: "programme", SubjectArea: "programme__subject_area",
             Centre: "programme__centre"}
    permissions.register(StandardsVerification, paths)
    permissions.register(SampleRound, {s: f"standards_verification__{p}"
                                       for s, p in paths.items()})
    permissions.register(SVAction, {s: f"sample__standards_verification__{p}"
                                    for s, p in paths.items()})
