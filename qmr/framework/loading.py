"""The framework versions shipped with the product are always in the database.

They are loaded by a `post_migrate` handler, the way Django creates permissions, not by a data
migration: `flush` (which the live-server browser tests run after each test) empties every
table and then sends `post_migrate`, so rows a data migration made would be gone for the rest
of the run, while these come back. Loading is idempotent: a version, objective or measure that
is missing is created with its history; one that exists is left as an administrator edited it.
"""

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router
from django.utils import timezone

from qmr.framework import content_2016_17, content_current
from qmr.framework.spec import VersionSpec

SHIPPED: tuple[VersionSpec, ...] = (content_2016_17.VERSION, content_current.VERSION)

REASON = "Loaded with the product's shipped framework"


def shipped_codes() -> set[str]:
    """Every measure code of the shipped versions (no database needed)."""
    return {code for spec in SHIPPED for code in spec.measure_codes}


def load_shipped(app_config: Any = None, verbosity: int = 1, using: str = DEFAULT_DB_ALIAS,
                 apps: Any = global_apps, **kwargs: Any) -> None:
    """post_migrate: create whatever of the shipped versions is missing. Uses the migration
    state's models, so it works at any point of the framework's migration history and does
    nothing when the framework's tables are not there (e.g. migrated back to zero)."""
    try:
        models = {name: apps.get_model("framework", name) for name in (
            "FrameworkVersion", "Objective", "Measure", "HistoricalFrameworkVersion",
            "HistoricalObjective", "HistoricalMeasure")}
    except LookupError:
        return
    if not router.allow_migrate_model(using, models["FrameworkVersion"]):
        return
    for spec in SHIPPED:
        if _load(spec, models, using) and verbosity >= 2:
            print(f"  Loaded the quality framework '{spec.name}'.")


def _load(spec: VersionSpec, models: dict[str, Any], using: str) -> bool:
    """Three queries when the version is already complete."""
    version_model, objective_model, measure_model = (
        models["FrameworkVersion"], models["Objective"], models["Measure"])
    created = False
    version = version_model._default_manager.using(using).filter(slug=spec.slug).first()
    if version is None:
        version = _create(models, "FrameworkVersion", [version_model(
            slug=spec.slug, name=spec.name, first_year=spec.first_year,
            last_year=spec.last_year, status=spec.status, notes=spec.notes)], using)[0]
        created = True
    objectives = {o.code: o for o in objective_model._default_manager.using(using)
                  .filter(version=version)}
    missing = [o for o in spec.objectives if o.code not in objectives]
    for objective in _create(models, "Objective", [objective_model(
            version=version, number=o.number, code=o.code, title=o.title,
            statement=o.statement, blocks_certification=o.blocks_certification)
            for o in missing], using):
        objectives[objective.code] = objective
    have = set(measure_model._default_manager.using(using)
               .filter(objective__version=version).values_list("code", flat=True))
    _create(models, "Measure", [measure_model(
        objective=objectives[o.code], number=s.number, code=s.code, title=s.title,
        summary=s.summary, suggested_evidence="\n".join(s.evidence))
        for o in spec.objectives for s in o.measures if s.code not in have], using)
    return created or bool(missing) or len(have) < len(spec.measure_codes)


def _create(models: dict[str, Any], name: str, objs: list, using: str) -> list:
    """bulk_create with a "created" history row for each, as a save through the admin writes
    (the migration state's models send no signals for simple-history to hear)."""
    if not objs:
        return []
    model, history = models[name], models[f"Historical{name}"]
    created = model._default_manager.using(using).bulk_create(objs)
    now = timezone.now()
    fields = [f.attname for f in model._meta.concrete_fields]
    history._default_manager.using(using).bulk_create([
        history(history_date=now, history_type="+", history_change_reason=REASON,
                **{f: getattr(obj, f) for f in fields}) for obj in created])
    return created
