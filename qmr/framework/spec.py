"""The shape of a framework version shipped with the product (see `content_2016_17`).

Plain data with no database in it, so the system check can read the shipped measure codes
before the database is migrated."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MeasureSpec:
    code: str
    title: str
    summary: str
    evidence: tuple[str, ...]

    @property
    def number(self) -> int:
        return int(self.code.rsplit(".", 1)[1])


@dataclass(frozen=True)
class ObjectiveSpec:
    code: str
    title: str
    statement: str
    measures: tuple[MeasureSpec, ...]
    blocks_certification: bool = False

    @property
    def number(self) -> int:
        return int(self.code.rsplit(".", 1)[1])


@dataclass(frozen=True)
class VersionSpec:
    slug: str
    name: str
    first_year: int
    last_year: int | None
    status: str
    notes: str
    objectives: tuple[ObjectiveSpec, ...] = field(default_factory=tuple)

    @property
    def measure_codes(self) -> list[str]:
        return [m.code for o in self.objectives for m in o.measures]


def m(code: str, title: str, summary: str, *evidence: str) -> MeasureSpec:
    """A measure, written compactly in the content modules."""
    return MeasureSpec(code, title, " ".join(summary.split()), tuple(evidence))
