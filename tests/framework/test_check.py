"""System check qmr.E002: an evidence provider naming a measure no framework version has
stops start-up; the real providers all name measures of the framework."""

import re
from pathlib import Path

import pytest
from django.core.checks import run_checks

from qmr import evidence
from qmr.framework.checks import providers_name_known_measures
from qmr.framework.loading import shipped_codes
from tests.framework.conftest import make_version

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _e002():
    return [e for e in run_checks() if e.id == "qmr.E002"]


def test_a_provider_naming_an_unknown_measure_fails_the_check(throwaway_provider):
    throwaway_provider("tests.nowhere", "QO.11.1")
    assert [e.msg for e in _e002()] == [
        "Evidence provider tests.nowhere names measure QO.11.1, which no version of the "
        "quality framework has."]


def test_the_real_providers_pass_the_check():
    assert evidence.providers()
    assert _e002() == []


def test_every_measure_the_apps_register_is_in_the_shipped_framework():
    """Read from the source, as a person would grep `@register(` in the apps' evidence."""
    named = set()
    for path in ROOT.glob("*/**/*evidence.py"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        constants = dict(re.findall(r'^(\w+) = "(QO\.[\d.]+)"', text, re.M))
        for arg in re.findall(r'@register\(\s*"[\w.]+",\s*("QO\.[\d.]+"|\w+)', text):
            named.add(arg.strip('"') if arg.startswith('"') else constants[arg])
    assert named
    assert named <= shipped_codes()
    assert {p.measure for p in evidence.providers()} <= shipped_codes()


def test_a_measure_only_an_administrators_version_has_is_accepted(throwaway_provider):
    make_version(1, 1)
    throwaway_provider("tests.new_measure", "XQ.1.1")
    assert providers_name_known_measures() == []


def test_removing_the_throwaway_provider_clears_the_error(throwaway_provider):
    throwaway_provider("tests.gone", "QO.12.9")
    assert len(_e002()) == 1
    evidence.unregister("tests.gone")
    assert _e002() == []
