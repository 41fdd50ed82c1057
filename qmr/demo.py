"""The demo centre, loaded by `manage.py load_demo`. Each app registers the part it owns
(so qmr imports none of them); every part is idempotent: running twice adds nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.utils import timezone

DEMO_PASSWORD = "demo-pass-2026"


@dataclass
class DemoContext:
    today: date
    centres: dict[str, Any] = field(default_factory=dict)
    subject_areas: dict[str, Any] = field(default_factory=dict)
    sites: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str]] = field(default_factory=list)  # (what they do, e-mail)
    year_name: str = ""  # the current academic year, e.g. "2026/27"

    def login(self, what: str, email: str) -> None:
        if (what, email) not in self.logins:
            self.logins.append((what, email))


_parts: list[tuple[int, Callable[[DemoContext], None]]] = []


def register(order: int) -> Callable:
    def decorator(fn: Callable[[DemoContext], None]) -> Callable:
        _parts.append((order, fn))
        return fn

    return decorator


def load() -> DemoContext:
    ctx = DemoContext(today=timezone.localdate())
    for _, part in sorted(_parts, key=lambda p: p[0]):
        part(ctx)
    return ctx


@lru_cache(maxsize=1)
def _demo_hash() -> str:
    """Hash the shared demo password once: hashing is slow on purpose."""
    from django.contrib.auth.hashers import make_password

    return make_password(DEMO_PASSWORD)


def ensure_appointment(ctx: DemoContext, *, centre: Any, email: str, name: str, role: str,
                       scope: Any = None, last_day: date | None = None, title: str = "",
                       login: str = "") -> Any:
    """Appoint through the real service unless the same appointment is already in force."""
    from django.contrib.contenttypes.models import ContentType

    from qmr import services
    from qmr.models import Appointment, User

    scope = scope or centre
    existing = Appointment.objects.active().filter(
        person__email=email, role=role, scope_type=ContentType.objects.get_for_model(scope),
        scope_id=scope.pk,
    ).first()
    if existing is None:
        existing = services.appoint(actor=None, centre=centre, email=email, full_name=name,
                                    role=role, scope=scope, last_day=last_day, job_title=title)
    person = User.objects.get(email=email)
    if not person.has_usable_password():
        person.password = _demo_hash()
        person.save(update_fields=["password"])
    if login:
        ctx.login(login, email)
    return existing
