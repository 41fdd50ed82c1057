from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "qmr.policies"
    label = "policies"
    verbose_name = "Policy library"

    def ready(self) -> None:
        from qmr import permissions
        from qmr.models import Centre
        from qmr.policies import admin, deadlines, demo_data, evidence, worklists  # noqa: F401
        from qmr.policies.models import Policy, PolicyVersion, ReadConfirmation, ReadReminder

        permissions.register(Policy, {Centre: "centre"})
        permissions.register(PolicyVersion, {Centre: "policy__centre"})
        permissions.register(ReadConfirmation, {Centre: "version__policy__centre"})
        permissions.register(ReadReminder, {Centre: "version__policy__centre"})
