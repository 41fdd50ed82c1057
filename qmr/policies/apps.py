from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "qmr.policies"
    label = "policies"
    verbose_name = "Policy library"
