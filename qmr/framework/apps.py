from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "qmr.framework"
    label = "framework"
    verbose_name = "Quality framework"
