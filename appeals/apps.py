from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = "Appeals, malpractice and special consideration"

    def ready(self) -> None:
        from appeals.decisions import wiring

        wiring.connect()  # appeals against assessment decisions
