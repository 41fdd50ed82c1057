"""Reading the framework, and what the records show for each of its measures at a centre.

The framework itself costs a constant number of queries whatever its size; each evidence
provider runs its own queries (a constant number per provider)."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from qmr import evidence, permissions
from qmr.evidence import Evidence, Status
from qmr.framework.models import FrameworkVersion, Measure, Objective
from qmr.models import Centre
from qmr.roles import VIEW_CENTRE
from qmr.selectors import centres_for_user

SHOWN = (FrameworkVersion.Status.PUBLISHED, FrameworkVersion.Status.RETIRED)


@dataclass
class MeasureEvidence:
    measure: Measure
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def evidenced(self) -> bool:
        """True when at least one provider computes it from the records."""
        return any(e.status != Status.NOT_EVIDENCED for e in self.evidence)


@dataclass
class ObjectiveEvidence:
    objective: Objective
    measures: list[MeasureEvidence]

    @property
    def not_evidenced(self) -> int:
        return sum(not m.evidenced for m in self.measures)


def shown_versions() -> QuerySet[FrameworkVersion]:
    """Versions staff may read (not drafts), newest first, with their sizes. One query."""
    return FrameworkVersion.objects.filter(status__in=SHOWN).annotate(
        objective_count=Count("objectives", distinct=True),
        measure_count=Count("objectives__measures", distinct=True))


def version_for_year(start_year: int) -> FrameworkVersion | None:
    """The published version in force for the academic year starting in `start_year`: the
    latest to start on or before it that has not ended. One query."""
    rows = FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED,
                                           first_year__lte=start_year)
    return next((v for v in rows.order_by("-first_year") if v.applies_to(start_year)), None)


def readable_centres(user: Any) -> list[Centre]:
    """The centres whose evidence this person may read beside the framework. One query."""
    return list(centres_for_user(user).order_by("name"))


def require_reader(user: Any) -> None:
    """Centre staff and the external reviewer read the framework; learners do not (403)."""
    if not any(code == VIEW_CENTRE for _, _, code in permissions.grants_for(user)) \
            and not (user.is_superuser and user.is_active):
        raise PermissionDenied("The quality framework is for the centre's staff and reviewer.")


def get_version_for_user(user: Any, pk: int, centre_id: int) -> tuple[FrameworkVersion, Centre]:
    """The version and the centre whose evidence is shown beside it: 404 unless the person
    may see that centre, and for a draft or missing version."""
    centre = permissions.visible(user, VIEW_CENTRE, Centre.objects.filter(pk=centre_id)).first()
    version = FrameworkVersion.objects.filter(pk=pk, status__in=SHOWN).first()
    if centre is None or version is None:
        raise Http404("No such framework version.")
    return version, centre


def objectives_of(version: FrameworkVersion) -> list[Objective]:
    """Objectives in order with their measures in order. Two queries."""
    return list(version.objectives.order_by("number").prefetch_related(
        Prefetch("measures", queryset=Measure.objects.order_by("number"))))


def measures_with_evidence(centre: Centre, version: FrameworkVersion) -> list[ObjectiveEvidence]:
    """Every objective of `version` with, per measure, the evidence the providers compute for
    `centre`, or one NOT_EVIDENCED entry where no provider names the measure (never shown as
    met). Two queries for the framework; each provider named by a measure runs once."""
    by_measure: dict[str, list] = defaultdict(list)
    for provider in evidence.providers():
        by_measure[provider.measure].append(provider)
    return [ObjectiveEvidence(objective, [
        MeasureEvidence(measure, [p.compute(centre) for p in by_measure[measure.code]]
                        or [evidence.not_evidenced(measure.code, measure.title)])
        for measure in objective.measures.all()]) for objective in objectives_of(version)]
