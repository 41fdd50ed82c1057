from django.apps import AppConfig


class QmrConfig(AppConfig):
    name = "qmr"
    verbose_name = "Centre quality management"

    def ready(self) -> None:
        from qmr import demo_data, evidence, home, permissions  # noqa: F401  (they register)
        from qmr.models import AcademicYear, Appointment, Centre, Site, SubjectArea, Term
        from qmr.roles import ScopeKind

        permissions.register_scope(Centre, ScopeKind.CENTRE)
        permissions.register_scope(SubjectArea, ScopeKind.SUBJECT_AREA)
        permissions.register(Centre, {Centre: "pk"})
        permissions.register(SubjectArea, {SubjectArea: "pk", Centre: "centre"})
        permissions.register(Appointment, {Centre: "centre"})
        permissions.register(Site, {Centre: "centre"})
        permissions.register(AcademicYear, {Centre: "centre"})
        permissions.register(Term, {Centre: "academic_year__centre"})
        home.register_core_sections()
