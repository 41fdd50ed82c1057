"""Who may see and do what: the one place that decides.

Grants are django-guardian group object permissions on scope objects (centre, subject area,
programme), one group per appointment. They count only while the appointment is in force, so
an ended appointment grants nothing from that moment, with no task needed. For that reason the
checks below read guardian's rows themselves, filtered by the appointment's dates, instead of
going through guardian's backend (which knows nothing of dates and is not installed).

Public API: `can`, `require`, `visible`, plus `register` for models and the grant services in
`qmr.services`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from guardian.models import GroupObjectPermission

from qmr.roles import *  # noqa: F403  (permission codenames are part of this module's API)
from qmr.roles import ROLE_PERMISSIONS  # noqa: F401

Grants = frozenset[tuple[int, int, str]]  # (scope content type id, scope pk, codename)

_cache: ContextVar[dict | None] = ContextVar("qmr_grant_cache", default=None)


@contextmanager
def request_cache() -> Iterator[None]:
    """Load each person's grants at most once per request."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


@dataclass(frozen=True)
class ScopePaths:
    """For one model: the lookup from it to each scope model it belongs to."""

    paths: dict[type[Model], str]


_registry: dict[type[Model], ScopePaths] = {}
_scope_kinds: dict[type[Model], str] = {}
_expanders: list[Any] = []


def register_scope(model: type[Model], kind: str) -> None:
    """Declare a model that appointments can be held on (it declares SCOPE_PERMISSIONS)."""
    _scope_kinds[model] = kind


def register(model: type[Model], paths: dict[type[Model], str]) -> None:
    """Declare how `model` reaches its scopes, e.g. {Centre: "centre", Programme: "programme"}."""
    _registry[model] = ScopePaths(paths)


def register_grant_expander(fn: Any) -> None:
    """Let an app add derived grants (e.g. a consortium lead reading partners' programmes).

    `fn(grants) -> iterable of (ctype id, pk, codename)`; it may run one query.
    """
    _expanders.append(fn)


def grants_for(user: Any) -> Grants:
    """Every (scope, codename) the user holds through appointments in force now."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cache = _cache.get()
    if cache is not None and user.pk in cache:
        return cache[user.pk]
    now = timezone.now()
    rows = GroupObjectPermission.objects.filter(
        group__appointment__person_id=user.pk,
        group__appointment__starts_on__lte=timezone.localdate(now),
    ).filter(Q(group__appointment__ends_at__isnull=True) | Q(group__appointment__ends_at__gt=now))
    grants = {
        (ct, int(pk), code)
        for ct, pk, code in rows.values_list("content_type_id", "object_pk", "permission__codename")
    }
    for expand in _expanders:
        grants |= set(expand(frozenset(grants)))
    result = frozenset(grants)
    if cache is not None:
        cache[user.pk] = result
    return result


def _value(obj: Any, path: str) -> Any:
    if path == "pk":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id")


def _paths(model: type[Model]) -> dict[type[Model], str]:
    try:
        return _registry[model].paths
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered with qmr.permissions") from None


def can(user: Any, perm: str, obj: Model) -> bool:
    """May `user` do `perm` on `obj`? Superusers may do anything."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    grants = grants_for(user)
    if not grants:
        return False
    for scope_model, path in _paths(type(obj)).items():
        pk = _value(obj, path)
        ct = ContentType.objects.get_for_model(scope_model).pk
        if pk is not None and (ct, pk, perm) in grants:
            return True
    return False


def require(user: Any, perm: str, obj: Model) -> None:
    """Raise PermissionDenied unless `can(user, perm, obj)`."""
    if not can(user, perm, obj):
        raise PermissionDenied("You do not have permission to do that here.")


def visible(user: Any, perm: str, qs: QuerySet) -> QuerySet:
    """Filter `qs` to the rows on which `user` holds `perm`: one SQL filter, no extra query."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return qs
    grants = grants_for(user)
    condition = Q(pk__in=[])
    for scope_model, path in _paths(qs.model).items():
        ct = ContentType.objects.get_for_model(scope_model).pk
        pks = sorted(pk for c, pk, code in grants if c == ct and code == perm)
        if pks:
            condition |= Q(**{f"{path}__in": pks})
    return qs.filter(condition)


def scope_pks(user: Any, perm: str, scope_model: type[Model]) -> set[int]:
    """The pks of `scope_model` objects on which `user` holds `perm` directly."""
    ct = ContentType.objects.get_for_model(scope_model).pk
    return {pk for c, pk, code in grants_for(user) if c == ct and code == perm}


def scope_kinds() -> dict[type[Model], str]:
    return dict(_scope_kinds)


def scope_kind(obj: Model) -> str:
    """The ScopeKind of a scope object; LookupError if appointments cannot be held on it."""
    try:
        return _scope_kinds[type(obj)]
    except KeyError:
        raise LookupError(f"{type(obj).__name__} is not a scope") from None
