from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "qmr.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        from qmr import permissions
        from qmr.jobs.models import Job
        from qmr.models import Centre

        permissions.register(Job, {Centre: "centre"})
