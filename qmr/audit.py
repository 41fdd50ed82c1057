"""Who changed what: the acting person, row history for every audited model, named events.

Row history comes from django-simple-history. Its signals miss `QuerySet.update()` and the
bulk writes, so every audited model's manager uses `AuditedQuerySet`, which writes history rows
for those too; `tests/qmr/test_audit.py` proves every audited model uses it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

_actor: ContextVar[Any] = ContextVar("qmr_actor", default=None)


def current_actor() -> Any:
    return _actor.get()


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Attribute every history row written inside the block to `actor`."""
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def history_user(instance: Any = None, request: Any = None, **kwargs: Any) -> Any:
    """simple-history's `get_user`: the acting person set by a service or the request."""
    actor = _actor.get()
    if actor is not None and getattr(actor, "is_authenticated", False):
        return actor
    return None


class ActorMiddleware:
    """Make the logged-in person the actor for the whole request."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        from qmr import permissions

        with acting_as(request.user), permissions.request_cache():
            return self.get_response(request)


class AuditedQuerySet(models.QuerySet):
    """A QuerySet whose bulk writes leave history rows like single saves do.

    `bulk_update()` is covered too: Django implements it with `update()`. `delete()` already
    sends the per-row signals simple-history listens to.
    """

    def update(self, **kwargs: Any) -> int:
        pks = list(self.values_list("pk", flat=True))
        count = super().update(**kwargs)
        if pks:
            changed = list(self.model._base_manager.filter(pk__in=pks))
            self.model.history.bulk_history_create(
                changed, update=True, default_user=history_user()
            )
        return count

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        self.model.history.bulk_history_create(
            [o for o in created if o.pk is not None], default_user=history_user()
        )
        return created


AuditedManager = models.Manager.from_queryset(AuditedQuerySet)


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are never changed.")

    def delete(self) -> Any:
        raise PermissionError("Audit events are never deleted by the application.")


class AuditEvent(models.Model):
    """A named workflow step: who did what to which record, and when. Append-only."""

    code = models.CharField(max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    centre = models.ForeignKey(
        "qmr.Centre", null=True, on_delete=models.PROTECT, related_name="audit_events"
    )
    summary = models.CharField(max_length=300)
    data = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("Audit events are never deleted by the application.")


def save_changes(obj: models.Model, fields: dict[str, Any], actor: Any) -> list[str]:
    """Set the fields that differ and save just those, with history attributed to `actor`.
    Returns the names changed (empty: nothing was written)."""
    changed = [k for k, v in fields.items() if getattr(obj, k) != v]
    for key in changed:
        setattr(obj, key, fields[key])
    if changed:
        with acting_as(actor):
            obj.save(update_fields=changed)
    return changed


def record_event(
    subject: models.Model,
    code: str,
    *,
    actor: Any,
    summary: str,
    centre: Any = None,
    data: dict | None = None,
) -> AuditEvent:
    """Record a named workflow step, e.g. `qmr.appointment.ended`."""
    return AuditEvent.objects.create(
        code=code,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        centre=centre,
        summary=summary,
        data=data or {},
    )
