"""post_migrate: the shipped cycles are always in the database (see `qmr.framework.loading`
for why not a data migration). Idempotent; what an administrator edited is left alone."""

from typing import Any

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, router

from qmr.review.cycles import SHIPPED


def load_cycles(app_config: Any = None, using: str = DEFAULT_DB_ALIAS, apps: Any = global_apps,
                **kwargs: Any) -> None:
    try:
        version_model = apps.get_model("framework", "FrameworkVersion")
        definition_model = apps.get_model("review", "CycleDefinition")
        stage_model = apps.get_model("review", "CycleStage")
    except LookupError:
        return
    if not router.allow_migrate_model(using, definition_model):
        return
    for spec in SHIPPED:
        version = version_model._default_manager.using(using).filter(
            slug=spec.version_slug).first()
        if version is None:
            continue
        definition, _ = definition_model._default_manager.using(using).get_or_create(
            version=version, defaults={
                "kind": spec.kind, "visit_from": spec.visit_from, "visit_to": spec.visit_to,
                "declaration_from": spec.declaration_from,
                "declaration_to": spec.declaration_to})
        have = set(stage_model._default_manager.using(using).filter(
            definition=definition).values_list("key", flat=True))
        stage_model._default_manager.using(using).bulk_create([
            stage_model(definition=definition, order=order, key=s.key, title=s.title,
                        owner_role=s.owner_role, opens=s.opens, closes=s.closes,
                        description=s.description)
            for order, s in enumerate(spec.stages, start=1) if s.key not in have])
