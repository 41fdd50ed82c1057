from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = "Programmes, learners and registration"

    def ready(self) -> None:
        from qmr import permissions
        from qmr.models import Centre, SubjectArea
        from qmr.roles import ScopeKind
        from registrations import (  # noqa: F401  (they register)
            approvals,
            certification_evidence,
            deadlines,
            demo_data,
            documents,
            evidence,
            import_jobs,
            retention,
            subject_access,
            trail,
            worklists,
        )
        from registrations import models as m
        from registrations.consortium import partner_programme_grants
        from registrations.models import Learner, Programme

        permissions.register_scope(Programme, ScopeKind.PROGRAMME)
        permissions.register_grant_expander(partner_programme_grants)
        worklists.register_navigation()
        permissions.register(
            Programme, {Programme: "pk", SubjectArea: "subject_area", Centre: "centre"}
        )
        permissions.register(
            Learner,
            {Programme: "programme", SubjectArea: "programme__subject_area", Centre: "centre"},
        )
        via_programme = {Programme: "programme", SubjectArea: "programme__subject_area",
                         Centre: "programme__centre"}
        for model in (m.Unit, m.Cohort):
            permissions.register(model, via_programme)
        for model in (m.ClassListSignOff, m.RegistrationCheck, m.AttendanceSession):
            permissions.register(model, {s: f"cohort__{p}" for s, p in via_programme.items()})
        for model in (m.ExternalEntry, m.Withdrawal, m.Transfer, m.RegistrationFlag,
                      m.StudentReport, m.ClaimEntry, m.ResultCorrectionAfterClaim):
            permissions.register(model, {Programme: "learner__programme",
                                         SubjectArea: "learner__programme__subject_area",
                                         Centre: "learner__centre"})
        permissions.register(m.Claim, via_programme)
        permissions.register(m.CertificateAnomaly, {
            Programme: "entry__learner__programme",
            SubjectArea: "entry__learner__programme__subject_area",
            Centre: "entry__learner__centre"})

        from registrations import eligibility
        from registrations.claim_checks import register_claim_check

        for name, check in eligibility.CHECKS.items():
            register_claim_check(name, check)

        from registrations.programme_review import wiring as programme_review

        programme_review.connect()  # permissions, evidence, home page, menu, demo

        from registrations.employer_involvement import wiring as employer_involvement

        employer_involvement.connect()  # permissions, evidence, menu, demo

        from registrations.learner_support import wiring as learner_support

        learner_support.connect()  # permissions, evidence, demo
