"""Start-up check: every record the awarding body's rules give a retention period has a rule
(fail closed: a record nobody guards could be deleted early, one nobody lists is kept
forever)."""

from typing import Any

from django.core import checks

from qmr.retention import registry


@checks.register()
def every_retained_model_has_a_rule(app_configs: Any = None,
                                    **kwargs: Any) -> list[checks.Error]:
    have = registry.covered()
    return [checks.Error(f"No retention rule covers {model} ({label}).",
                         hint="Register one with qmr.retention.registry.register in the app "
                              "that owns the records.", id="retention.E001")
            for model, label in registry.REQUIRED.items() if model not in have]
