from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "verification"
    verbose_name = "Internal and standards verification"

    def ready(self) -> None:
        from assessment.checks import register_issue_check, register_release_check
        from verification import (  # noqa: F401  (they register)
            deadlines,
            demo_data,
            documents,
            evidence,
            retention,
            retention_demo,
            trail,
            worklists,
        )
        from verification.checks import brief_verified, sample_verified

        register_issue_check("verification.brief_verified", brief_verified)
        register_release_check("verification.sample_verified", sample_verified)

        from registrations.claim_checks import register_claim_check
        from verification import claims

        register_claim_check("verification.decisions_verified", claims.decisions_verified)
        register_claim_check("verification.lead_iv", claims.lead_iv)

        from qmr import permissions
        from qmr.models import Centre, SubjectArea
        from registrations.models import Programme
        from verification import models as m

        via_submission = {Programme: "submission__assignment__plan__programme",
                          SubjectArea: "submission__assignment__plan__programme__subject_area",
                          Centre: "submission__assignment__plan__programme__centre"}
        for model in (m.IVSample, m.DecisionVerification):
            permissions.register(model, via_submission)
        permissions.register(m.RemedialAction, {s: f"verification__{p}"
                                                for s, p in via_submission.items()})
        permissions.register(m.LeadIVRegistration, {SubjectArea: "subject_area",
                                                    Centre: "subject_area__centre"})
        permissions.register(m.BriefVerification, {s: p.replace("submission__", "", 1)
                                                   for s, p in via_submission.items()})

        from verification.standards import wiring
        from verification.standards.claim_check import standards_verification

        register_claim_check("verification.standards_verification", standards_verification)
        wiring.connect()  # standards verification's permissions, evidence, home page, demo

        from verification.standards import deadlines as standards_deadlines  # noqa: F401
