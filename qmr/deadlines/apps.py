from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "qmr.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines and reminders"

    def ready(self) -> None:
        from qmr import navigation
        from qmr.deadlines import checks, demo_data, worklists  # noqa: F401  (they register)
        from qmr.review.access import CENTRE_SIDE

        navigation.register("Deadlines", "deadlines:mine", lambda user: True)
        navigation.register("Year plan", "deadlines:year-plan-home",
                            navigation.holding(*CENTRE_SIDE))
