"""Consortium reading rights: where an arrangement allows it, the lead centre's staff who read
records at their own centre may read the partners' programmes that the arrangement covers."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from qmr.models import Centre, CollaborativeArrangement
from qmr.roles import VIEW_RECORDS
from registrations.models import Programme


def partner_programme_grants(grants: frozenset) -> Iterable[tuple[int, int, str]]:
    """Grant expander for qmr.permissions: at most one query, none for most people."""
    centre_ct = ContentType.objects.get_for_model(Centre).pk
    lead_centres = {pk for ct, pk, code in grants if ct == centre_ct and code == VIEW_RECORDS}
    if not lead_centres:
        return []
    today = timezone.localdate()
    arrangements = CollaborativeArrangement.objects.filter(
        lead_centre_id__in=lead_centres, lead_may_view_partner_records=True,
        starts_on__lte=today,
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    programme_ct = ContentType.objects.get_for_model(Programme).pk
    pairs = arrangements.values_list("partners__id", "qualification_codes")
    wanted = [(centre, codes) for centre, codes in pairs if centre]
    if not wanted:
        return []
    query = Q()
    for centre, codes in wanted:
        query |= Q(centre_id=centre, code__in=codes)
    return [(programme_ct, pk, VIEW_RECORDS)
            for pk in Programme.objects.filter(query).values_list("pk", flat=True)]
