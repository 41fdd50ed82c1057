"""Readiness all year: what the records show for each measure of the framework the centre is
judged against, one status per measure, and a weekly snapshot of the counts.

One status per measure, combined from its evidence providers (worst wins):
  1. any provider MISSING               -> missing
  2. else any provider WEAK             -> weak
  3. else every provider NOT_EVIDENCED  -> not evidenced (also a measure no provider computes)
  4. else                               -> in place
A provider answers NOT_EVIDENCED when it has nothing to judge yet (no appeal lodged, no
malpractice case), so beside a provider that is in place it neither fails the measure nor
makes it met: the measure is in place on what the records do show. A measure that nothing
shows at all is never counted as met.

The grid runs the framework's two queries and each provider once (each a constant number of
queries, whatever the centre's size).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from qmr import evidence
from qmr.evidence import Evidence, Record, Status
from qmr.framework.models import FrameworkVersion, Measure, Objective
from qmr.framework.selectors import measures_with_evidence
from qmr.models import Centre
from qmr.review.models import ReadinessSnapshot
from qmr.review.selectors import version_for_centre

# Worst first: the order the home page and the snapshot counts use.
ATTENTION_ORDER = (Status.MISSING, Status.WEAK, Status.NOT_EVIDENCED, Status.IN_PLACE)

# Never colour alone: each status has a symbol and a short word beside its colour.
SYMBOLS = {Status.IN_PLACE: "✓", Status.WEAK: "!", Status.MISSING: "✗",
           Status.NOT_EVIDENCED: "?"}
WORDS = {Status.IN_PLACE: "In place", Status.WEAK: "Weak", Status.MISSING: "Missing",
         Status.NOT_EVIDENCED: "Not evidenced"}

SNAPSHOT_EVERY = timedelta(days=7)
CHART_SPAN = timedelta(weeks=52)


def combine(statuses: list[str]) -> str:
    """One status from a measure's providers, by the rule in the module's docstring."""
    if Status.MISSING in statuses:
        return Status.MISSING
    if Status.WEAK in statuses:
        return Status.WEAK
    if all(s == Status.NOT_EVIDENCED for s in statuses):
        return Status.NOT_EVIDENCED
    return Status.IN_PLACE


@dataclass
class MeasureReadiness:
    objective: Objective
    measure: Measure
    evidence: list[Evidence]
    status: str = ""

    def __post_init__(self) -> None:
        self.status = self.status or combine([e.status for e in self.evidence])

    @property
    def code(self) -> str:
        return self.measure.code

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.status]

    @property
    def word(self) -> str:
        return WORDS[self.status]

    @property
    def label(self) -> str:
        """The status in full, as the evidence registry words it."""
        return Status(self.status).label

    @property
    def reasons(self) -> list[str]:
        return [e.summary for e in self.evidence]

    @property
    def deciding(self) -> list[Evidence]:
        """The providers whose answer is the measure's status (the worst of them)."""
        return [e for e in self.evidence if e.status == self.status]

    @property
    def reason(self) -> str:
        """The summary that decided the status, in a sentence."""
        return self.deciding[0].summary

    @property
    def records(self) -> list[Record]:
        return [r for e in self.evidence for r in e.records]

    @property
    def attention_key(self) -> tuple[int, int, int]:
        """Worst status first, then in the framework's order (QO.2 before QO.10)."""
        return (ATTENTION_ORDER.index(self.status), self.objective.number, self.measure.number)


@dataclass
class ObjectiveReadiness:
    objective: Objective
    measures: list[MeasureReadiness]


@dataclass
class Readiness:
    centre: Centre
    version: FrameworkVersion
    objectives: list[ObjectiveReadiness] = field(default_factory=list)

    @property
    def measures(self) -> list[MeasureReadiness]:
        return [m for o in self.objectives for m in o.measures]

    @property
    def counts(self) -> dict[str, int]:
        """How many measures have each status, worst first (every status present, maybe 0)."""
        counts = dict.fromkeys(ATTENTION_ORDER, 0)
        for m in self.measures:
            counts[m.status] += 1
        return counts

    @property
    def statuses(self) -> dict[str, str]:
        return {m.code: str(m.status) for m in self.measures}

    @property
    def widest(self) -> int:
        """The most measures any objective has: the heat map's number of columns."""
        return max((len(o.measures) for o in self.objectives), default=0)


def readiness_for(centre: Centre, version: FrameworkVersion | None = None) -> Readiness | None:
    """The centre's readiness grid against `version` (by default the one it is judged against
    today); None when no framework version applies."""
    version = version or version_for_centre(centre)
    if version is None:
        return None
    return Readiness(centre, version, [
        ObjectiveReadiness(o.objective, [MeasureReadiness(o.objective, m.measure, m.evidence)
                                         for m in o.measures])
        for o in measures_with_evidence(centre, version)])


def measure_readiness(centre: Centre, version: FrameworkVersion, code: str
                      ) -> MeasureReadiness | None:
    """One measure of `version` by its code, with only its own providers run; None for a code
    the version does not have. One query, then the measure's providers."""
    measure = Measure.objects.filter(objective__version=version, code=code).select_related(
        "objective").first()
    if measure is None:
        return None
    found = [p.compute(centre) for p in evidence.providers() if p.measure == code]
    return MeasureReadiness(measure.objective, measure,
                            found or [evidence.not_evidenced(code, measure.title)])


def needs_attention(centre: Centre, n: int = 3,
                    readiness: Readiness | None = None) -> list[MeasureReadiness]:
    """The `n` measures that most need attention: missing before weak before not evidenced,
    then in the framework's order. Measures in place are never listed."""
    readiness = readiness or readiness_for(centre)
    if readiness is None:
        return []
    waiting = [m for m in readiness.measures if m.status != Status.IN_PLACE]
    return sorted(waiting, key=lambda m: m.attention_key)[:n]


def take_snapshot(centre: Centre, day: date | None = None,
                  readiness: Readiness | None = None) -> ReadinessSnapshot | None:
    """Record the day's counts and statuses: one row per centre, version and day, updated if
    it is taken again that day (two at once meet the unique constraint and the second updates
    the first's row). None when no framework version applies."""
    day = day or timezone.localdate()
    readiness = readiness or readiness_for(centre, version_for_centre(centre, day))
    if readiness is None:
        return None
    counts = readiness.counts
    values = {"in_place": counts[Status.IN_PLACE], "weak": counts[Status.WEAK],
              "missing": counts[Status.MISSING], "not_evidenced": counts[Status.NOT_EVIDENCED],
              "statuses": readiness.statuses}
    # update_or_create locks the day's row if it exists; if two inserts race, the unique
    # constraint refuses the second, which Django catches (IntegrityError) and then updates
    # the winner's row instead.
    snapshot, _ = ReadinessSnapshot.objects.update_or_create(
        centre=centre, version=readiness.version, taken_on=day, defaults=values)
    return snapshot


def ensure_weekly_snapshot(centre: Centre, readiness: Readiness | None = None
                           ) -> ReadinessSnapshot | None:
    """Take a snapshot unless one was taken against the same version in the last seven days,
    so the first exists the first time anyone looks. One query when there is one already."""
    readiness = readiness or readiness_for(centre)
    if readiness is None:
        return None
    today = timezone.localdate()
    recent = ReadinessSnapshot.objects.filter(centre=centre, version=readiness.version,
                                              taken_on__gt=today - SNAPSHOT_EVERY).exists()
    return None if recent else take_snapshot(centre, today, readiness)


def latest_snapshot(centre: Centre) -> ReadinessSnapshot | None:
    """The centre's most recent snapshot (None before the first is taken). One query."""
    return ReadinessSnapshot.objects.filter(centre=centre).order_by("-taken_on", "-pk").first()


def worst_in(snapshot: ReadinessSnapshot, n: int = 3) -> list[tuple[str, str, str]]:
    """The `n` measures of a snapshot that most need attention, as (code, status, title):
    missing, then weak, then not evidenced, in the framework's order. One query."""
    waiting = [(code, status) for code, status in snapshot.statuses.items()
               if status in ATTENTION_ORDER[:-1]]

    def key(row: tuple[str, str]) -> tuple:
        return (ATTENTION_ORDER.index(row[1]), *(int(p) for p in row[0].split(".")[1:]))

    chosen = sorted(waiting, key=key)[:n]
    titles = dict(Measure.objects.filter(objective__version=snapshot.version_id,
                                         code__in=[c for c, _ in chosen])
                  .values_list("code", "title"))
    return [(code, status, titles.get(code, "")) for code, status in chosen]


def snapshots_for_chart(centre: Centre, version: FrameworkVersion) -> list[ReadinessSnapshot]:
    """The centre's snapshots against `version` over the last 52 weeks, oldest first. One
    query."""
    since = timezone.localdate() - CHART_SPAN
    return list(ReadinessSnapshot.objects.filter(
        centre=centre, version=version, taken_on__gte=since).order_by("taken_on").only(
        "taken_on", "in_place", "weak", "missing", "not_evidenced"))
