from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "qmr.framework"
    label = "framework"
    verbose_name = "Quality framework"

    def ready(self) -> None:
        from django.core.checks import register as register_check
        from django.db.models.signals import post_migrate

        from qmr import navigation
        from qmr.framework import checks, loading
        from qmr.roles import VIEW_CENTRE

        # Once per migrate or flush (sender=self), as Django creates permissions.
        post_migrate.connect(loading.load_shipped, sender=self,
                             dispatch_uid="framework.load_shipped")
        register_check()(checks.providers_name_known_measures)
        navigation.register("Quality framework", "framework:version-list",
                            navigation.holding(VIEW_CENTRE))
