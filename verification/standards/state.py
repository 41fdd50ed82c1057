"""Where a standards verification stands, from its rounds (already fetched: no queries).

Blocked: the latest reported sample was blocked, so a further sample is needed and claims
wait until a later sample is released. Report outstanding: a sample was provided and no
report has been recorded for it."""

from dataclasses import dataclass
from typing import Any

from verification.standards.models import Outcome, SampleRound


@dataclass(frozen=True)
class State:
    rounds: tuple[SampleRound, ...]

    @property
    def latest(self) -> SampleRound | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def reported(self) -> list[SampleRound]:
        return [r for r in self.rounds if r.outcome]

    @property
    def outcome(self) -> str:
        """The latest reported outcome ("" while none is reported)."""
        return self.reported[-1].outcome if self.reported else ""

    @property
    def blocked(self) -> bool:
        return self.outcome == Outcome.BLOCKED

    @property
    def released(self) -> bool:
        return self.outcome == Outcome.RELEASED

    @property
    def report_outstanding(self) -> SampleRound | None:
        return next((r for r in self.rounds if r.provided_on and not r.outcome), None)

    @property
    def open_round(self) -> SampleRound | None:
        """The sample being requested, prepared or waiting for its report."""
        latest = self.latest
        return latest if latest is not None and not latest.outcome else None

    @property
    def may_request(self) -> bool:
        """A first sample, or a further one after a block."""
        return self.latest is None or (self.blocked and self.open_round is None)


def state_of(rounds: Any) -> State:
    return State(tuple(sorted(rounds, key=lambda r: r.number)))
