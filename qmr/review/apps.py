from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "qmr.review"
    label = "review"
    verbose_name = "Annual review"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from qmr.review import loading, wiring

        post_migrate.connect(loading.load_cycles, sender=self, dispatch_uid="review.load_cycles")
        wiring.connect()
