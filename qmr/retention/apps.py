from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "qmr.retention"
    label = "retention"
    verbose_name = "Retention of records"

    def ready(self) -> None:
        from qmr import navigation
        from qmr.retention import checks, deadlines  # noqa: F401  (they register)
        from qmr.roles import PREPARE_REVIEW

        navigation.register("Records due for disposal", "retention:home",
                            navigation.holding(PREPARE_REVIEW))
