"""Verification's claim checks (registered from VerificationConfig.ready()).

"Claims rest only on internally verified assessment records" (seeds 002 and 004). Internal
verification is done by sample: the centre verifies "an appropriately structured sample" of
assessment from every programme, unit, site and assessor (seed 002), not every decision, and
the coverage of that sample is the IV plan's business (the programme's IV page names the gaps).
So we read the rule as: a decision that counts for the claim and was chosen for the sample must
have been verified, and a disagreement must have been corrected; a decision outside the sample
does not wait for one of its own.

The Lead IV: the awarding body wants an accredited (registered and standardised) Lead IV in
each principal subject area before it certifies, where the qualification requires one (seed
000); elsewhere a gap is a warning to read before claiming.
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from assessment.models import Decision
from registrations.claim_checks import ClaimScope, Finding
from verification.models import DecisionVerification, IVSample, LeadIVRegistration


def decisions_verified(learners: Sequence[Any], scope: ClaimScope) -> dict[int, list[Finding]]:
    """Sampled work that counts for the claim is verified, and no latest decision stands that
    its verifier found not accurate. One query."""
    latest = Decision.objects.filter(
        superseded_by__isnull=True, submission__learner_id__in=[lr.pk for lr in learners],
        submission__assignment__plan__programme_id=scope.programme.pk,
    ).annotate(
        sampled=Exists(IVSample.objects.filter(submission_id=OuterRef("submission_id"))),
        verified=Exists(DecisionVerification.objects.filter(
            submission_id=OuterRef("submission_id"))),
        disputed=Exists(DecisionVerification.objects.filter(decision_id=OuterRef("pk"),
                                                            agrees=False)),
    )
    if not scope.full:
        latest = latest.filter(submission__assignment__criteria__unit_id__in=scope.unit_ids)
    rows = latest.filter(Q(disputed=True) | Q(sampled=True, verified=False))
    found: dict[int, list[Finding]] = defaultdict(list)
    for learner_id, title, verifier, disputed in rows.distinct().order_by(
            "submission__assignment__hand_out_on", "pk").values_list(
            "submission__learner_id", "submission__assignment__title",
            "submission__iv_sample__verifier__full_name", "disputed"):
        if disputed:
            found[learner_id].append(Finding(
                f"'{title}': the internal verifier found the assessment decision not accurate "
                f"and it has not been corrected yet."))
        else:
            found[learner_id].append(Finding(
                f"'{title}' is in the internal verification sample and not verified yet "
                f"(verifier: {verifier})."))
    return found


def lead_iv(learners: Sequence[Any], scope: ClaimScope) -> dict[int, list[Finding]]:
    """The programme's subject area has a Lead IV registered and standardised for the academic
    year under way. A gap refuses where the programme requires an accredited Lead IV, and is a
    warning elsewhere. One query (two if the subject area is not loaded)."""
    programme, today = scope.programme, timezone.localdate()
    registration = LeadIVRegistration.objects.filter(
        subject_area_id=programme.subject_area_id, academic_year__starts_on__lte=today,
        academic_year__ends_on__gte=today,
    ).select_related("person", "academic_year").first()
    area = programme.subject_area
    if registration is None:
        gap = f"No Lead IV is registered for {area} for this academic year"
    elif registration.standardised_on is None:
        gap = (f"The Lead IV for {area}, {registration.person}, is registered for "
               f"{registration.academic_year} but not yet standardised")
    else:
        return {}
    if programme.requires_lead_iv:
        finding = Finding(f"{gap}: this qualification needs an accredited Lead IV before "
                          f"anyone can be claimed for.")
    else:
        finding = Finding(f"{gap}. The qualification does not require one, so a claim can "
                          f"still be made.", refuses=False)
    return {lr.pk: [finding] for lr in learners}
