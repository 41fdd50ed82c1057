"""Start-up check: every kind of deadline the rules name has a source computing it."""

from typing import Any

from django.core import checks

from qmr.deadlines import kinds, registry


@checks.register()
def every_kind_has_a_source(app_configs: Any = None, **kwargs: Any) -> list[checks.Error]:
    have = {source.kind for source in registry.sources()}
    return [checks.Error(f"No source computes the deadline kind {kind!r} ({label}).",
                         hint="Register one with qmr.deadlines.registry.register in the app "
                              "that owns the records.", id="deadlines.E001")
            for kind, label in kinds.REQUIRED.items() if kind not in have]
