"""System check qmr.E002: every evidence provider names a measure the framework has.

The framework lives in the database, but the check runs before the database may exist or be
migrated (`makemigrations`, `migrate` on a fresh database, `check` in a build). So the measures
known are those of the shipped content module, which `migrate` always loads, together with
those of any version in the database when it can be read; a database that cannot be read adds
nothing and never breaks the command. A shipped code is therefore never refused, and a code
that only an administrator's version holds is accepted once that version is saved.
"""

from typing import Any

from django.core.checks import Error
from django.db import DatabaseError, connections, router

from qmr import evidence
from qmr.framework.loading import shipped_codes


def database_codes() -> set[str]:
    """Measure codes of every version in the database; empty when it cannot be read."""
    from qmr.framework.models import Measure

    alias = router.db_for_read(Measure)
    try:
        connection = connections[alias]
        if Measure._meta.db_table not in connection.introspection.table_names():
            return set()
        return set(Measure.objects.using(alias).values_list("code", flat=True).distinct())
    except (DatabaseError, RuntimeError):
        # Unreachable or not created yet, or a test that has no database access (pytest-django
        # raises RuntimeError): the shipped codes alone are checked.
        return set()


def providers_name_known_measures(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    known = shipped_codes()
    named = {p.measure for p in evidence.providers()}
    if named - known:
        known |= database_codes()
    return [Error(f"Evidence provider {p.name} names measure {p.measure}, which no version of "
                  "the quality framework has.", id="qmr.E002",
                  hint="Use a measure code of the framework (e.g. QO.3.4), or add the measure "
                       "to a framework version in the admin.")
            for p in evidence.providers() if p.measure not in known]
