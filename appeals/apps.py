from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = "Appeals, malpractice and special consideration"

    def ready(self) -> None:
        from appeals import deadlines, trail  # noqa: F401  (deadline sources, the trail section)
        from appeals.decisions import wiring

        wiring.connect()  # appeals against assessment decisions

        from appeals.malpractice import wiring as malpractice_wiring

        malpractice_wiring.connect()  # malpractice and maladministration cases

        from appeals.adjustments import wiring as adjustments_wiring

        adjustments_wiring.connect()  # reasonable adjustments and special consideration
