"""Who may see and do what: the one place that decides.

Grants are django-guardian group object permissions on scope objects (centre, subject area,
programme), one group per appointment. They count only while the appointment is in force, so
an ended appointment grants nothing from that moment, with no task needed. For that reason the
checks below read guardian's rows themselves, filtered by the appointment's dates, instead of
going through guardian's backend (which knows nothing of dates and is not installed).

External appointments (`qmr.roles.EXTERNAL_ROLES`: the Centre Quality Reviewer, the
Standards Verifier) hold read permissions to read, and only the steps that are their own (the
reviewer's judgements, the verifier's report) through their own permissions. So a step that a
read permission authorises (a flag any reader of the record may raise, a review of the log its
readers keep) asks `can_as_staff` / `require_staff`, which count only grants held through the
centre's own (staff) appointments, and an external reviewer is told they only read.

Public API: `can`, `require`, `visible`, `can_as_staff`, `require_staff`, `deny`, plus
`register` for models and the grant services in `qmr.services`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NoReturn

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from guardian.models import GroupObjectPermission

from qmr.roles import *  # noqa: F403  (permission codenames are part of this module's API)
from qmr.roles import EXTERNAL_ROLES, ROLE_PERMISSIONS  # noqa: F401

Grants = frozenset[tuple[int, int, str]]  # (scope content type id, scope pk, codename)

# What an external reviewer is told when a step would change a record.
READ_ONLY = "External reviewers read the centre's records; they do not change them."

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

    `fn(grants) -> iterable of (ctype id, pk, codename)`; it may run one query. It is given
    the grants held through staff appointments only: an external appointment grants exactly
    its own rows.
    """
    _expanders.append(fn)


@dataclass(frozen=True)
class _Held:
    every: Grants  # through every appointment in force
    staff: Grants  # through the centre's own appointments only (not EXTERNAL_ROLES)


_NOTHING = _Held(frozenset(), frozenset())


def _held(user: Any) -> _Held:
    """Load the person's grants in force now, in one query (cached per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NOTHING
    cache = _cache.get()
    if cache is not None and user.pk in cache:
        return cache[user.pk]
    now = timezone.now()
    rows = GroupObjectPermission.objects.filter(
        group__appointment__person_id=user.pk,
        group__appointment__starts_on__lte=timezone.localdate(now),
    ).filter(Q(group__appointment__ends_at__isnull=True) | Q(group__appointment__ends_at__gt=now))
    staff, external = set(), set()
    for ct, pk, code, role in rows.values_list("content_type_id", "object_pk",
                                               "permission__codename",
                                               "group__appointment__role"):
        (external if role in EXTERNAL_ROLES else staff).add((ct, int(pk), code))
    # Expanders widen what the centre's staff hold (a consortium lead reading its partners);
    # an external appointment grants exactly its own rows, on the centre it was made for.
    if staff:
        for expand in _expanders:
            staff |= set(expand(frozenset(staff)))
    result = _Held(frozenset(staff | external), frozenset(staff))
    if cache is not None:
        cache[user.pk] = result
    return result


def grants_for(user: Any) -> Grants:
    """Every (scope, codename) the user holds through appointments in force now."""
    return _held(user).every


def staff_grants_for(user: Any) -> Grants:
    """What `grants_for` holds through the centre's own appointments, not external ones."""
    return _held(user).staff


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


def _scopes(obj: Model) -> set[tuple[int, int]]:
    found = set()
    for scope_model, path in _paths(type(obj)).items():
        pk = _value(obj, path)
        if pk is not None:
            found.add((ContentType.objects.get_for_model(scope_model).pk, pk))
    return found


def _holds(grants: Grants, perm: str, obj: Model) -> bool:
    return bool(grants) and any((ct, pk, perm) in grants for ct, pk in _scopes(obj))


def _superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def can(user: Any, perm: str, obj: Model) -> bool:
    """May `user` do `perm` on `obj`? Superusers may do anything."""
    return _superuser(user) or _holds(grants_for(user), perm, obj)


def require(user: Any, perm: str, obj: Model) -> None:
    """Raise PermissionDenied unless `can(user, perm, obj)`."""
    if not can(user, perm, obj):
        raise PermissionDenied("You do not have permission to do that here.")


def can_as_staff(user: Any, perm: str, obj: Model) -> bool:
    """`can`, counting only grants held through the centre's own appointments: for a step
    that changes a record but that a read permission authorises. False for external
    reviewers, who hold the read permissions to read, never to change."""
    return _superuser(user) or _holds(staff_grants_for(user), perm, obj)


def reads_only(user: Any, obj: Model) -> bool:
    """Whether the user reaches `obj` only through external appointments (a reviewer)."""
    if _superuser(user):
        return False
    scopes = _scopes(obj)

    def reached(grants: Grants) -> bool:
        return any((ct, pk) in scopes for ct, pk, _ in grants)

    return reached(grants_for(user)) and not reached(staff_grants_for(user))


def deny(user: Any, obj: Model, message: str) -> NoReturn:
    """Raise PermissionDenied: `message`, or READ_ONLY for an external reviewer of `obj`."""
    raise PermissionDenied(READ_ONLY if reads_only(user, obj) else message)


def require_staff(user: Any, perm: str, obj: Model) -> None:
    """Raise PermissionDenied unless `can_as_staff(user, perm, obj)`; an external reviewer
    who holds `perm` to read is told that reviewers change nothing."""
    if not can_as_staff(user, perm, obj):
        raise PermissionDenied(READ_ONLY if can(user, perm, obj)
                               else "You do not have permission to do that here.")


def visible(user: Any, perm: str, qs: QuerySet) -> QuerySet:
    """Filter `qs` to the rows on which `user` holds `perm`: one SQL filter, no extra query."""
    if _superuser(user):
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
