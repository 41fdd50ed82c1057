from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "qmr.staff"
    label = "staff"
    verbose_name = "Staff records"

    def ready(self) -> None:
        from qmr import navigation, permissions
        from qmr.models import Centre
        from qmr.roles import VIEW_PEOPLE
        from qmr.staff import demo_data, evidence  # noqa: F401  (they register)
        from qmr.staff.models import Induction, JobDescription, Qualification, Training

        for model in (JobDescription, Qualification, Induction, Training):
            permissions.register(model, {Centre: "centre"})
        navigation.register("Staff records", "staff:home", navigation.holding(VIEW_PEOPLE))
