from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = "Assessment"

    def ready(self) -> None:
        from assessment import (  # noqa: F401  (they register)
            deadlines,
            demo_data,
            documents,
            evidence,
            retention,
            trail,
            worklists,
        )
        from assessment import models as m
        from qmr import permissions
        from qmr.models import Centre, SubjectArea
        from registrations.models import Programme

        via_plan = {Programme: "plan__programme", SubjectArea: "plan__programme__subject_area",
                    Centre: "plan__programme__centre"}
        permissions.register(m.AssessmentPlan, {Programme: "programme",
                                                SubjectArea: "programme__subject_area",
                                                Centre: "programme__centre"})
        permissions.register(m.Assignment, via_plan)
        permissions.register(m.Submission, {s: f"assignment__{p}" for s, p in via_plan.items()})
        permissions.register(m.Decision, {s: f"submission__assignment__{p}"
                                          for s, p in via_plan.items()})
        permissions.register(m.Resubmission, {s: f"submission__assignment__{p}"
                                              for s, p in via_plan.items()})

        from assessment import claims
        from registrations import claim_checks

        claim_checks.register_achievement_provider(claims.achievements)
        claim_checks.register_claim_check("assessment.criteria_achieved", claims.criteria_achieved)
        claim_checks.register_claim_check("assessment.unit_combination", claims.unit_combination)

        from assessment.policy import policy_for
        from qmr.policies.figures import register_figure
        from qmr.policies.models import PolicyKind

        register_figure(PolicyKind.ASSESSMENT, "Resubmission window",
                        lambda centre: f"{policy_for(centre).resubmission_working_days} "
                                       f"term-time working days after the learner receives "
                                       f"the result; one resubmission only")
        register_figure(PolicyKind.MALPRACTICE, "Learners may use AI tools",
                        lambda centre: "Yes, if they acknowledge each use in their declaration"
                        if policy_for(centre).ai_tools_allowed else
                        "No: a declaration naming AI tools is refused")
