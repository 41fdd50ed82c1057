"""Checks other apps register with assessment (the inversion ARCHITECTURE describes).

Issuing a brief asks every registered issue check; `verification` registers "the brief was
verified as fit for purpose". The registry fails closed: a check named in EXPECTED_ISSUE_CHECKS
that nothing registered is a start-up error (`assessment.E001`), so the rule is never skipped.
"""

from collections.abc import Callable
from typing import Any

from django.core.checks import Error
from django.core.checks import register as register_check

EXPECTED_ISSUE_CHECKS = {"verification.brief_verified"}
# Releasing a result asks these: verification registers "sampled work is verified first".
EXPECTED_RELEASE_CHECKS = {"verification.sample_verified"}

# name -> fn(assignment) -> None, raising DomainError with the reason it may not be issued
_issue_checks: dict[str, Callable[[Any], None]] = {}
# name -> fn(decision) -> None, raising DomainError with the reason it may not be released
_release_checks: dict[str, Callable[[Any], None]] = {}


def register_issue_check(name: str, fn: Callable[[Any], None]) -> None:
    _issue_checks[name] = fn


def run_issue_checks(assignment: Any) -> None:
    missing = EXPECTED_ISSUE_CHECKS - set(_issue_checks)
    if missing:  # also a start-up error; never issue without the rule
        raise RuntimeError(f"Issue checks not registered: {', '.join(sorted(missing))}")
    for name in sorted(_issue_checks):
        _issue_checks[name](assignment)


def register_release_check(name: str, fn: Callable[[Any], None]) -> None:
    _release_checks[name] = fn


def run_release_checks(decision: Any) -> None:
    missing = EXPECTED_RELEASE_CHECKS - set(_release_checks)
    if missing:  # also a start-up error; never release without the rule
        raise RuntimeError(f"Release checks not registered: {', '.join(sorted(missing))}")
    for name in sorted(_release_checks):
        _release_checks[name](decision)


@register_check()
def expected_issue_checks(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    missing = (EXPECTED_ISSUE_CHECKS - set(_issue_checks)) | (
        EXPECTED_RELEASE_CHECKS - set(_release_checks))
    return [Error(f"Check {name} is not registered.", id="assessment.E001",
                  hint="Register it from its app's AppConfig.ready().")
            for name in sorted(missing)]
