"""What a standards verifier may read: the one place that decides.

The rule: the person holds SAMPLE_WORK on the programme now (a Standards Verifier appointment
in force: `qmr.permissions` reads it with its dates, so access stops at the end date with no
task run) AND the learner is in a current sample of that programme (a sample round of a
standards verification whose academic year has not ended). Of a sampled learner, only the work
for the sampled units is open. Everything here is a queryset filter, so pages cost the same
whatever the sample's size; an object outside the rule is a 404.

The assessment pages (submission, evidence download, grids) do not read SAMPLE_WORK, so they
refuse a standards verifier: the SV reads the sample through the pages built on this module.
"""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from assessment.models import EvidenceFile, Submission
from qmr import permissions
from qmr.roles import SAMPLE_WORK
from registrations.models import Learner, Programme
from verification.standards.models import SampleRound


def sampled_programmes(user: Any) -> set[int]:
    """Programmes on which the person holds SAMPLE_WORK now."""
    return permissions.scope_pks(user, SAMPLE_WORK, Programme)


def current_rounds(user: Any) -> QuerySet[SampleRound]:
    """Sample rounds the person may read: their programmes, years not yet over."""
    return SampleRound.objects.filter(
        standards_verification__programme_id__in=sampled_programmes(user),
        standards_verification__academic_year__ends_on__gte=timezone.localdate())


def sampled_learners(user: Any) -> QuerySet[Learner]:
    rounds = current_rounds(user).filter(learners=OuterRef("pk"),
                                         standards_verification__programme=OuterRef("programme"))
    return Learner.objects.filter(Exists(rounds))


def sampled_work(user: Any) -> QuerySet[Submission]:
    """A sampled learner's work for the units sampled with them, on that programme."""
    rounds = current_rounds(user).filter(
        learners=OuterRef("learner_id"), units__criteria__assignments=OuterRef("assignment_id"),
        standards_verification__programme=OuterRef("assignment__plan__programme"))
    return Submission.objects.filter(Exists(rounds))


def get_sampled_learner(user: Any, pk: int) -> Learner:
    learner = sampled_learners(user).select_related("programme", "cohort").filter(pk=pk).first()
    if learner is None:
        raise Http404("No such learner in your sample.")
    return learner


def get_sampled_submission(user: Any, pk: int) -> Submission:
    submission = sampled_work(user).select_related(
        "learner", "assignment__plan__programme", "assignment__assessor",
        "assignment__internal_verifier").filter(pk=pk).first()
    if submission is None:
        raise Http404("No such work in your sample.")
    return submission


def get_sampled_file(user: Any, pk: int) -> EvidenceFile:
    evidence = EvidenceFile.objects.filter(pk=pk, submission__in=sampled_work(user)).first()
    if evidence is None:
        raise Http404("No such file in your sample.")
    return evidence
