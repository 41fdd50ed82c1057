"""The centre's assessment settings, with the seeds' defaults when none are stored."""

from typing import Any

from assessment.models import AssessmentPolicy


def policy_for(centre: Any) -> AssessmentPolicy:
    return AssessmentPolicy.objects.filter(centre=centre).first() or AssessmentPolicy(
        centre=centre)
