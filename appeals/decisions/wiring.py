"""Connect appeals against assessment decisions to the rest of the product: scope paths for
permission checks, the claim check, the figures beside the appeals policy, retention, and the
registries its modules join when imported (evidence, home page, navigation, demo, admin).
Called from AppealsConfig.ready()."""


def connect() -> None:
    from appeals.decisions import (  # noqa: F401  (they register)
        admin,
        demo_data,
        documents,
        evidence,
        retention,
        worklists,
    )
    from appeals.decisions.claim_check import grid_notes, results_in_doubt
    from appeals.decisions.models import Appeal, AppealStage, ResultInDoubt
    from appeals.decisions.selectors import appeal_link
    from assessment.hooks import result_notes, work_links
    from qmr import permissions
    from qmr.models import Centre, SubjectArea
    from qmr.policies.figures import register_figure
    from qmr.policies.models import PolicyKind
    from registrations.claim_checks import register_claim_check
    from registrations.models import Programme

    paths = {Programme: "programme", SubjectArea: "programme__subject_area",
             Centre: "centre"}
    permissions.register(Appeal, paths)
    permissions.register(AppealStage, {s: f"appeal__{p}" for s, p in paths.items()})
    permissions.register(ResultInDoubt, {s: f"raised_by__appeal__{p}" for s, p in paths.items()})
    register_claim_check("appeals.results_in_doubt", results_in_doubt)
    work_links.register(appeal_link)
    result_notes.register(grid_notes)
    retention.connect()
    _register_figures(register_figure, PolicyKind.APPEALS)


def _register_figures(register_figure, kind) -> None:
    """The limits the product enforces, under the labels the policy page already shows."""
    from appeals.decisions.services import settings_for

    register_figure(kind, "Time to lodge an appeal", lambda centre: (
        f"{settings_for(centre).lodge_within_days} term-time working days after the learner "
        f"receives the result"))
    for stage, who, attr in [(1, "assessor and learner", "assessor_days"),
                             (2, "internal verifier", "verifier_days"),
                             (3, "senior management", "senior_days"),
                             (4, "awarding body", "awarding_body_days")]:
        unit = "working days, holidays included" if stage == 4 else "term-time working days"
        register_figure(kind, f"Appeal stage {stage} ({who})", lambda centre, attr=attr, unit=unit:
                        f"{getattr(settings_for(centre), attr)} {unit}")
