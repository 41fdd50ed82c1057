from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "verification"
    verbose_name = "Internal and standards verification"

    def ready(self) -> None:
        from assessment.checks import register_issue_check
        from verification import demo_data, evidence  # noqa: F401  (they register)
        from verification.checks import brief_verified

        register_issue_check("verification.brief_verified", brief_verified)
