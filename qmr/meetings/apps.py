from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "qmr.meetings"
    label = "meetings"
    verbose_name = "Team meetings and actions"

    def ready(self) -> None:
        from qmr.meetings import wiring

        wiring.connect()
