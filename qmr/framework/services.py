"""Changing the framework. It is the awarding body's, not a centre's, so these steps belong to
the product's administrators (Django admin permissions), not to any centre role."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from qmr.audit import acting_as, record_event, save_changes
from qmr.errors import DomainError, TransitionNotAllowed
from qmr.framework.models import FrameworkVersion, Measure, Objective, year_label

ADD_VERSION = "framework.add_frameworkversion"
CHANGE_VERSION = "framework.change_frameworkversion"


def _require(actor: Any, perm: str) -> None:
    if actor is None or not actor.is_active or not actor.has_perm(perm):
        raise PermissionDenied("Only the product's administrators change the quality framework.")


@transaction.atomic
def copy_version(*, actor: Any, source: FrameworkVersion, name: str, first_year: int,
                 slug: str = "", notes: str = "") -> FrameworkVersion:
    """Start a new year's version as a draft copy of `source`: every objective and measure with
    its text and suggested evidence. The source is not changed. Administrators only; a name or
    slug already used, or a first year not after the source's, is refused."""
    _require(actor, ADD_VERSION)
    name, slug = name.strip(), slugify(slug or name)
    if not name or not slug:
        raise DomainError("Give the new version a name, for example "
                          "\"Quality Management Review 2017-18\".")
    if FrameworkVersion.objects.filter(name=name).exists():
        raise DomainError(f"There is already a framework version called \"{name}\".")
    if FrameworkVersion.objects.filter(slug=slug).exists():
        raise DomainError(f"The key \"{slug}\" is taken by another version: choose another.")
    if first_year <= source.first_year:
        raise DomainError(f"The new version must start after {year_label(source.first_year)}, "
                          "the first year of the version it copies.")
    with acting_as(actor):
        copy = FrameworkVersion.objects.create(
            name=name, slug=slug, first_year=first_year, status=FrameworkVersion.Status.DRAFT,
            notes=notes.strip() or f"Started as a copy of {source.name}.")
        objectives = list(source.objectives.prefetch_related("measures"))
        made = Objective.objects.bulk_create([Objective(
            version=copy, number=o.number, code=o.code, title=o.title, statement=o.statement,
            blocks_certification=o.blocks_certification) for o in objectives])
        Measure.objects.bulk_create([Measure(
            objective=new, number=ms.number, code=ms.code, title=ms.title, summary=ms.summary,
            suggested_evidence=ms.suggested_evidence)
            for old, new in zip(objectives, made, strict=True) for ms in old.measures.all()])
    record_event(copy, "framework.version.copied", actor=actor,
                 summary=f"{copy.name} started as a copy of {source.name}",
                 data={"source": source.pk})
    return copy


@transaction.atomic
def publish_version(*, actor: Any, version: FrameworkVersion) -> FrameworkVersion:
    """Show a draft version to centres. Administrators only; only a draft, and only one with
    every objective holding at least one measure."""
    _require(actor, CHANGE_VERSION)
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != FrameworkVersion.Status.DRAFT:
        raise TransitionNotAllowed(f"{version.name} is {version.get_status_display().lower()}"
                                   ", not a draft.")
    empty = [o.code for o in version.objectives.filter(measures__isnull=True)]
    if empty or not version.objectives.exists():
        raise DomainError(f"{version.name} cannot be published while an objective has no "
                          f"measures ({', '.join(empty) or 'it has no objectives'}).")
    save_changes(version, {"status": FrameworkVersion.Status.PUBLISHED}, actor)
    record_event(version, "framework.version.published", actor=actor,
                 summary=f"{version.name} published")
    return version
