"""The start-up check fails closed: a model the rules require with no rule is an error."""

import pytest
from django.core.checks import run_checks

from qmr.retention import registry

pytestmark = pytest.mark.django_db


def _errors():
    return [e.msg for e in run_checks() if e.id == "retention.E001"]


def test_every_required_model_has_a_rule():
    assert _errors() == []


def test_it_fails_when_a_rule_is_missing(monkeypatch: pytest.MonkeyPatch):
    rules = {k: r for k, r in registry._rules.items() if k != "assessment.learner_work"}
    monkeypatch.setattr(registry, "_rules", rules)
    assert _errors() == ["No retention rule covers assessment.EvidenceFile (Learner work)."]
