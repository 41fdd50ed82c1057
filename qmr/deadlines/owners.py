"""Who owns a deadline when the rule names a role rather than a person: the holders of that
role at the centre, read once per source so a centre's sweep costs a fixed number of
queries whatever its size."""

from datetime import date

from qmr.models import Appointment


def first_holders(centre_id: int, roles: tuple[str, ...], day: date) -> dict[str, int]:
    """For each role, the person who has held it longest among those holding it on `day`
    (centre-wide and narrower scopes alike). One query."""
    rows = (Appointment.objects.active().filter(centre_id=centre_id, role__in=roles,
                                                 starts_on__lte=day)
            .order_by("role", "starts_on", "pk").values_list("role", "person_id"))
    holders: dict[str, int] = {}
    for role, person_id in rows:
        holders.setdefault(role, person_id)
    return holders


def holders_by_scope(centre_id: int, role: str, day: date) -> dict[tuple[int, int], int]:
    """(scope content type id, scope id) -> the longest-serving holder of `role` there on
    `day`: e.g. the Lead IV of each programme or subject area. One query."""
    rows = (Appointment.objects.active().filter(centre_id=centre_id, role=role,
                                                 starts_on__lte=day)
            .order_by("starts_on", "pk").values_list("scope_type_id", "scope_id", "person_id"))
    found: dict[tuple[int, int], int] = {}
    for type_id, scope_id, person_id in rows:
        found.setdefault((type_id, scope_id), person_id)
    return found
