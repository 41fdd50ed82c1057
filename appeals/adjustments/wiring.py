"""Connect reasonable adjustments and special consideration: scope paths, the link on a piece
of work's page, and the registries its modules join when imported (evidence, home page,
navigation, demo). Called from AppealsConfig.ready()."""


def connect() -> None:
    from appeals.adjustments import demo_data, evidence, retention, worklists  # noqa: F401
    from appeals.adjustments.models import ReasonableAdjustment, SpecialConsideration
    from appeals.adjustments.selectors import adjustment_links
    from assessment.hooks import work_links
    from qmr import permissions
    from qmr.models import Centre, SubjectArea
    from registrations.models import Programme

    paths = {Programme: "assignment__plan__programme",
             SubjectArea: "assignment__plan__programme__subject_area", Centre: "centre"}
    permissions.register(ReasonableAdjustment, paths)
    permissions.register(SpecialConsideration, paths)
    work_links.register(adjustment_links)
    retention.connect()
