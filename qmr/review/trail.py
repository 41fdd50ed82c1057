"""The learner trail: one learner's whole path through the records, in date order, so the
reviewer can trace a sample end to end (registration, work and declarations, decisions,
internal verification, appeals, the claim and the certificate).

`qmr` holds no learner records, so each app registers what it knows from its
`AppConfig.ready()`, as with the evidence providers:

- `register_learner_lookup(fn)`: exactly one (registrations); `fn(centre_id, learner_id)`
  returns a `LearnerSummary`, or None when the learner is not at that centre (the page is 404).
- `register_learner_search(fn)`: exactly one (registrations); `fn(centre_id, query, limit)`
  returns the learners for the picker.
- `register(name)`: a section, `fn(learner_id) -> [TrailEntry, ...]`.

The registry fails closed: a section named in EXPECTED, or the lookup or the search, that
nothing registered is a start-up error (`review.E001`), and asking for a trail raises, so a
trail never silently leaves part of the path out. Each section runs a constant number of
queries, however many records the learner has.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.checks import Error
from django.core.checks import register as register_check
from django.utils import timezone


@dataclass
class TrailEntry:
    """One thing that happened on the learner's path: when, what kind, a sentence, and the
    record's own page where there is one."""

    when: date | datetime
    kind: str
    text: str
    url: str = ""
    details: list[str] = field(default_factory=list)
    section: str = ""  # filled in by the registry: the section that said it

    @property
    def day(self) -> date:
        if isinstance(self.when, datetime):
            return timezone.localdate(self.when) if timezone.is_aware(self.when) \
                else self.when.date()
        return self.when

    @property
    def moment(self) -> time:
        """The time of day, or midnight for an entry known only by its date."""
        if isinstance(self.when, datetime):
            local = timezone.localtime(self.when) if timezone.is_aware(self.when) else self.when
            return local.time()
        return time.min

    @property
    def stage(self) -> str:
        return STAGES.get(self.section, "Other records")


@dataclass(frozen=True)
class LearnerSummary:
    """Who the trail is about, as the picker and the trail's heading show them."""

    pk: int
    name: str
    identity: str  # the registration number, or the centre's reference before registration
    programme: str  # programme and cohort, in words
    centre_id: int
    url: str = ""  # the learner's record page
    status: str = ""


def day(value: date | datetime) -> str:
    """A date (or an aware datetime, in the centre's local time) as the trail writes it."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.day} {value:%b %Y}"


Section = Callable[[int], list[TrailEntry]]
Lookup = Callable[[int, int], LearnerSummary | None]
Search = Callable[[int, str, int], list[LearnerSummary]]

# The learner's path in order, section by section; on one day, entries follow this order.
PATH = (
    "registrations.registration",
    "assessment.work",
    "verification.iv",
    "appeals.appeals",
    "registrations.certification",
)
EXPECTED = set(PATH)
STAGES = {
    "registrations.registration": "Registration",
    "assessment.work": "Assessment",
    "verification.iv": "Internal and standards verification",
    "appeals.appeals": "Appeals, malpractice and adjustments",
    "registrations.certification": "Certification",
}

_sections: dict[str, Section] = {}
_lookup: list[Lookup] = []
_search: list[Search] = []


def register(name: str) -> Callable[[Section], Section]:
    """Decorator: `fn(learner_id) -> [TrailEntry, ...]` becomes the section `name`."""
    def decorator(fn: Section) -> Section:
        _sections[name] = fn
        return fn

    return decorator


def unregister(name: str) -> None:
    """Remove a section (for tests)."""
    _sections.pop(name, None)


def register_learner_lookup(fn: Lookup) -> None:
    """The one resolver from (centre, learner id) to a summary; a second replaces the first."""
    _lookup[:] = [fn]


def register_learner_search(fn: Search) -> None:
    """The one search behind the picker; a second replaces the first."""
    _search[:] = [fn]


def _missing() -> list[str]:
    missing = [f"Learner trail section {name} is not registered." for name in
               sorted(EXPECTED - set(_sections))]
    if not _lookup:
        missing.append("No learner lookup is registered for the learner trail.")
    if not _search:
        missing.append("No learner search is registered for the learner trail.")
    return missing


def _require_complete() -> None:
    missing = _missing()
    if missing:  # also a start-up error; never show a trail with part of the path left out
        raise RuntimeError(" ".join(missing))


def learner(centre_id: int, learner_id: int) -> LearnerSummary | None:
    """The learner, if they are at that centre; None otherwise. One query."""
    _require_complete()
    found = _lookup[0](centre_id, learner_id)
    return found if found is not None and found.centre_id == centre_id else None


def search(centre_id: int, query: str, limit: int = 50) -> list[LearnerSummary]:
    """Learners of the centre whose name or registration number matches. One query."""
    _require_complete()
    return _search[0](centre_id, query.strip(), limit)


def _rank(section: str) -> tuple[int, str]:
    return (PATH.index(section), "") if section in PATH else (len(PATH), section)


def entries(learner_id: int) -> list[TrailEntry]:
    """Every section's entries for the learner, in date order (on one day, in the order of
    the path, then by time). Each section costs a constant number of queries."""
    _require_complete()
    found: list[TrailEntry] = []
    for name in sorted(_sections, key=_rank):
        for entry in _sections[name](learner_id):
            entry.section = name
            found.append(entry)
    # sorted() is stable: a section's own order stands where the key ties.
    return sorted(found, key=lambda e: (e.day, _rank(e.section), e.moment))


def stages(trail: list[TrailEntry]) -> list[tuple[str, int]]:
    """Each stage of the path with how many entries it has, in the path's order."""
    counts: dict[str, int] = {STAGES[name]: 0 for name in PATH}
    for entry in trail:
        counts[entry.stage] = counts.get(entry.stage, 0) + 1
    return list(counts.items())


def runs(trail: list[TrailEntry]) -> list[tuple[str, list[TrailEntry]]]:
    """The trail cut where it moves from one stage of the path to another, keeping date
    order: (stage, its entries), for a page that groups the path without reordering it."""
    out: list[tuple[str, list[TrailEntry]]] = []
    for entry in trail:
        if out and out[-1][0] == entry.stage:
            out[-1][1].append(entry)
        else:
            out.append((entry.stage, [entry]))
    return out


@register_check()
def expected_sections_registered(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [Error(message, id="review.E001", hint="Register it from its app's "
                  "AppConfig.ready().") for message in _missing()]
