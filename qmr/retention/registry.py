"""How long each kind of record is kept, registered by the app that owns the records.

A rule names the record listed for disposal (`model`), the models its guard covers
(`guarded`: the record and the rows that belong to it), how to annotate a queryset of the
record with the day its time starts running (`starts`, one query for any number of records,
e.g. from the learners' certificates), how long it then runs (`period`), and how to dispose
of one record (`dispose`: remove files and personal details, keep what certification needs,
and say in words what went). `qmr` imports no app: each registers its rules from its
`AppConfig.ready()`. Every model in `REQUIRED` must be covered by a rule: the start-up check
`retention.E001` fails otherwise (fail closed: a record nobody guards could be deleted early,
and one nobody lists is never disposed of)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Model, QuerySet

START = "retention_from"  # the annotation `starts` adds: the day the period starts running

# The records the awarding body's rules give a retention period (app_label.ModelName).
REQUIRED: dict[str, str] = {
    "assessment.Submission": "Assessment records",
    "assessment.Decision": "Assessment records",
    "assessment.CriterionResult": "Assessment records",
    "assessment.EvidenceFile": "Learner work",
    "verification.DecisionVerification": "Internal verification records",
    "verification.CriterionCheck": "Internal verification records",
    "verification.IVSample": "Internal verification records",
    "registrations.EmployerActivity": "Employer involvement records",
    "registrations.Participation": "Employer involvement records",
    "appeals.Appeal": "Appeals records",
    "appeals.AppealStage": "Appeals records",
    "appeals.ResultInDoubt": "Appeals records",
    "appeals.MalpracticeCase": "Malpractice records",
    "appeals.CaseEvidence": "Malpractice records",
    "appeals.ReasonableAdjustment": "Reasonable adjustments",
    "appeals.SpecialConsideration": "Special consideration",
    "jobs.Job": "Uploaded import files",
}


@dataclass(frozen=True)
class Rule:
    kind: str  # e.g. "assessment.records"
    label: str  # what the page calls them, e.g. "Assessment records"
    model: type[Model]  # the record listed for disposal
    centre: str  # lookup from `model` to its centre, e.g. "learner__centre"
    starts: Callable[[QuerySet], QuerySet]  # annotates START (None: not started yet)
    period: relativedelta
    kept: str  # "Assessment records are kept until three years after certification"
    why: str  # the awarding body's reason, shown beside the list
    not_started: str  # the refusal while START is None (e.g. not yet certified)
    dispose: Callable[[Any], str]  # dispose of one record; returns what was removed, in words
    describe: Callable[[Any], str]  # a reference naming no person, e.g. "Assessment record #3"
    guarded: tuple[type[Model], ...] = ()  # models whose deletion waits for the record's time
    owner: Callable[[Any], Any] = lambda instance: instance  # guarded instance -> the record
    due_filter: dict = field(default_factory=dict)  # narrows `model` to the records it covers
    related: tuple[str, ...] = ()  # select_related for `describe`

    def until(self, start: date | None) -> date | None:
        """The first day a record whose time started on `start` may go."""
        return start + self.period if start is not None else None

    def keep_until(self, record: Any) -> date | None:
        """One record's date (one query), for the guard."""
        start = (self.starts(self.model._base_manager.filter(pk=record.pk))
                 .values_list(START, flat=True).first())
        return self.until(start)


_rules: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule and guard its models against early deletion (see `guard.py`)."""
    from qmr.retention import guard

    _rules[rule.kind] = rule
    guard.connect(rule)
    return rule


def rules() -> list[Rule]:
    return list(_rules.values())


def rule(kind: str) -> Rule | None:
    return _rules.get(kind)


def covered() -> set[str]:
    """Every model some rule lists or guards, as app_label.ModelName."""
    return {f"{m._meta.app_label}.{m.__name__}" for r in _rules.values()
            for m in (r.model, *r.guarded)}
