from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "qmr.staff"
    label = "staff"
    verbose_name = "Staff records"
