"""The learner trail's registration and certification sections, and the lookup and search the
trail's pages use to find a learner of a centre (see `qmr.review.trail`).

Each function costs a constant number of queries whatever the learner's records hold."""

from django.db.models import Q
from django.urls import reverse

from qmr.review import trail
from qmr.review.trail import LearnerSummary, TrailEntry
from qmr.review.trail import day as _d
from registrations.learner_support.models import TutorialReview
from registrations.models import (
    CertificateAnomaly,
    ClaimEntry,
    ClassListSignOff,
    ExternalEntry,
    Learner,
    RegistrationCheck,
    RegistrationFlag,
    ResultCorrectionAfterClaim,
    StudentReport,
    Transfer,
    Withdrawal,
)


def _summary(learner: Learner) -> LearnerSummary:
    programme = learner.programme.title
    if learner.cohort_id:
        programme = f"{programme}, {learner.cohort.name}"
    identity = (f"Registration number {learner.registration_number}"
                if learner.registration_number else
                f"Centre reference {learner.centre_ref} (not registered)")
    return LearnerSummary(pk=learner.pk, name=learner.full_name, identity=identity,
                          programme=programme, centre_id=learner.centre_id,
                          url=reverse("registrations:learner-detail", args=[learner.pk]),
                          status=learner.get_status_display())


def _learners():
    return Learner.objects.select_related("programme", "cohort")


@trail.register_learner_lookup
def lookup(centre_id: int, learner_id: int) -> LearnerSummary | None:
    """The learner if they are at that centre. One query."""
    learner = _learners().filter(centre_id=centre_id, pk=learner_id).first()
    return _summary(learner) if learner else None


@trail.register_learner_search
def search(centre_id: int, query: str, limit: int) -> list[LearnerSummary]:
    """Learners of the centre whose name, registration number or centre reference holds every
    word of the query; the first `limit` by name when there is no query. One query."""
    qs = _learners().filter(centre_id=centre_id)
    for word in query.split():
        qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                       | Q(registration_number__icontains=word) | Q(centre_ref__icontains=word))
    return [_summary(learner) for learner in qs.order_by("last_name", "first_name", "pk")[:limit]]


def _enrolment(learner: Learner) -> list[TrailEntry]:
    url = reverse("registrations:learner-detail", args=[learner.pk])
    out = [TrailEntry(learner.enrolled_on, "Enrolment",
                      f"Admitted to {learner.programme}"
                      + (f" in {learner.cohort}" if learner.cohort_id else "") + ".", url,
                      [f"Prior learning recognised: {learner.prior_learning}"]
                      if learner.prior_learning else [])]
    if learner.identity_checked_at:
        out.append(TrailEntry(learner.identity_checked_at, "Identity check",
                              f"Identity checked against a "
                              f"{learner.get_identity_document_display().lower()} by "
                              f"{learner.identity_checked_by or 'someone not recorded'}.", url))
    if learner.registered_on:
        late = (f", late (fee ×{learner.registration_fee_multiplier})"
                if learner.registered_late else ", on time")
        out.append(TrailEntry(learner.registered_on, "Registration",
                              f"Registered with the awarding body as "
                              f"{learner.registration_number} by {learner.registered_by}{late}.",
                              url))
    return out


def _support(learner: Learner) -> list[TrailEntry]:
    url = reverse("registrations:learner-support", args=[learner.pk])
    out = []
    induction = getattr(learner, "induction", None)
    if induction is not None:
        missing = induction.missing
        out.append(TrailEntry(induction.held_on, "Induction",
                              f"Induction held, recorded by {induction.recorded_by}"
                              + (": everything covered." if not missing else
                                 f": {len(missing)} item(s) not covered."), url, missing))
    plan = getattr(learner, "plan", None)
    if plan is not None:
        out.append(TrailEntry(plan.agreed_on, "Learning plan",
                              f"Individual learning plan agreed with {plan.agreed_by}.", url))
    return out


def _class_lists(learner_id: int) -> list[TrailEntry]:
    rows = ClassListSignOff.objects.filter(learners__id=learner_id).select_related(
        "cohort", "signed_by")
    return [TrailEntry(s.signed_at, "Class list",
                       f"On the class list of {s.cohort} signed as accurate by {s.signed_by}.",
                       reverse("registrations:cohort-detail", args=[s.cohort_id]))
            for s in rows]


def _checks(learner: Learner) -> list[TrailEntry]:
    """The awarding body's list compared with ours, for each cohort the learner was in."""
    rows = RegistrationCheck.objects.filter(
        Q(cohort__learners__id=learner.pk) | Q(cohort__class_lists__learners__id=learner.pk)
    ).distinct().select_related("cohort", "uploaded_by", "decided_by")
    out = []
    for check in rows:
        number = learner.registration_number
        about = [m["message"] for m in check.mismatches
                 if number and m.get("registration_number") == number]
        text = (f"The awarding body's list for {check.cohort} compared with our records by "
                f"{check.uploaded_by}: {check.get_status_display().lower()}"
                + (f" by {check.decided_by}" if check.decided_by_id else "") + ".")
        out.append(TrailEntry(check.uploaded_at, "Registration check", text,
                              reverse("registrations:check-detail", args=[check.pk]),
                              about or ["No difference about this learner."]))
    return out


def _entries(learner_id: int) -> list[TrailEntry]:
    rows = ExternalEntry.objects.filter(learner_id=learner_id).select_related(
        "unit", "requested_by", "entered_by", "checked_by")
    out = []
    for e in rows:
        steps = [f"Requested by {e.requested_by} on {_d(e.requested_at)}"]
        if e.entered_at:
            steps.append(f"entered by {e.entered_by} on {_d(e.entered_at)}")
        if e.checked_at:
            steps.append(f"checked by {e.checked_by} on {_d(e.checked_at)}")
        out.append(TrailEntry(e.requested_at, "External entry",
                              f"Entry for {e.unit} ({e.series}): "
                              f"{e.get_status_display().lower()}.",
                              reverse("registrations:learner-detail", args=[learner_id]),
                              ["; ".join(steps) + "."]))
    return out


def _moves(learner_id: int) -> list[TrailEntry]:
    url = reverse("registrations:learner-detail", args=[learner_id])
    out = []
    for t in Transfer.objects.filter(learner_id=learner_id).select_related(
            "from_programme", "to_programme", "transferred_by"):
        out.append(TrailEntry(t.transferred_at, "Transfer",
                              f"Transferred from {t.from_programme} to "
                              f"{t.to_programme or t.to_other_centre} by {t.transferred_by}.",
                              url, [f"Prior learning: {t.prior_learning}"]
                              if t.prior_learning else []))
    for w in Withdrawal.objects.filter(learner_id=learner_id).select_related(
            "requested_by", "nominee_signed_by", "exams_signed_by"):
        signed = [f"{role}: " + (f"signed by {who} on {_d(at)}" if at else "not signed")
                  for role, who, at in [
                      ("Quality Nominee", w.nominee_signed_by, w.nominee_signed_at),
                      ("Exams Officer", w.exams_signed_by, w.exams_signed_at)]]
        effect = (f"took effect on {_d(w.took_effect_at)}" if w.took_effect_at
                  else "waiting for both sign-offs")
        out.append(TrailEntry(w.requested_at, "Withdrawal",
                              f"Withdrawal requested by {w.requested_by} (last day "
                              f"{_d(w.last_day)}): {effect}. Reason: {w.reason}", url, signed))
    return out


def _flags(learner_id: int, concerns: str) -> list[TrailEntry]:
    """Registration flags, or claim flags: escalated to the Head of Centre. One query."""
    url = reverse("registrations:learner-detail", args=[learner_id])
    out = []
    for f in RegistrationFlag.objects.filter(learner_id=learner_id,
                                             concerns=concerns).select_related(
            "raised_by", "acknowledged_by"):
        told = (f"acknowledged by {f.acknowledged_by} on {_d(f.acknowledged_at)}"
                if f.acknowledged_at else f"not yet acknowledged (due {_d(f.acknowledge_by)})")
        out.append(TrailEntry(f.raised_at, "Flag",
                              f"{f.get_kind_display()} {f.get_concerns_display()} flagged to the "
                              f"Head of Centre by {f.raised_by}: {told}.", url,
                              [f.description]))
    return out


def _tutorials(learner_id: int) -> list[TrailEntry]:
    url = reverse("registrations:learner-support", args=[learner_id])
    return [TrailEntry(r.held_on, "Tutorial review", f"Tutorial review with {r.tutor}.", url,
                       [f"Progress: {r.progress}", f"Targets: {r.targets}"])
            for r in TutorialReview.objects.filter(learner_id=learner_id).select_related("tutor")]


@trail.register("registrations.registration")
def registration(learner_id: int) -> list[TrailEntry]:
    """Enrolment, identity, class lists, registration and its checks, entries, transfers,
    withdrawals, flags, induction, learning plan and tutorials. Eight queries."""
    learner = Learner.objects.select_related(
        "programme", "cohort", "identity_checked_by", "registered_by", "induction__recorded_by",
        "plan__agreed_by").filter(pk=learner_id).first()
    if learner is None:
        return []
    return [*_enrolment(learner), *_support(learner), *_class_lists(learner_id),
            *_checks(learner), *_entries(learner_id), *_moves(learner_id),
            *_flags(learner_id, RegistrationFlag.Concerns.REGISTRATION), *_tutorials(learner_id)]


def _reports(learner_id: int) -> list[TrailEntry]:
    out = []
    for r in StudentReport.objects.filter(learner_id=learner_id).select_related(
            "completed_by", "checked_by"):
        url = reverse("registrations:student-report-detail", args=[r.pk])
        units = [f"Unit {u.get('code', '')}: {u.get('grade', '')}" for u in r.units]
        out.append(TrailEntry(r.completed_at, "Student report",
                              f"Student report ({r.get_kind_display().lower()}) completed by "
                              f"{r.completed_by}: grade {r.grade}, {r.points} points.", url,
                              units))
        if r.checked_at:
            out.append(TrailEntry(r.checked_at, "Student report checked",
                                  f"Student report checked by {r.checked_by}.", url))
        if r.withdrawn_at:
            out.append(TrailEntry(r.withdrawn_at, "Student report replaced",
                                  "Student report withdrawn and replaced by a new one.", url))
    return out


def _claims(learner_id: int) -> list[TrailEntry]:
    out = []
    for e in ClaimEntry.objects.filter(learner_id=learner_id).select_related(
            "claim__programme", "claim__submitted_by", "claim__confirmed_by",
            "received_recorded_by", "checked_by", "issued_by"):
        claim, url = e.claim, reverse("registrations:claim-detail", args=[e.claim_id])
        timing = "late" if claim.late else "early" if claim.early else "on time"
        out.append(TrailEntry(claim.submitted_at, "Claim",
                              f"Claimed for in claim {claim.pk} ({claim.programme}), submitted "
                              f"by {claim.submitted_by}, {timing} (deadline "
                              f"{_d(claim.deadline)}).", url))
        if claim.confirmed_at:
            out.append(TrailEntry(claim.confirmed_at, "Claim confirmed",
                                  f"Claim {claim.pk} confirmed by {claim.confirmed_by}, a second "
                                  f"person.", url))
        for day, kind, text in [
                (e.certificate_received_on, "Certificate received",
                 f"Certificate received, recorded by {e.received_recorded_by}"
                 + (f"; to be checked by {_d(e.check_due_on)}" if e.check_due_on else "") + "."),
                (e.checked_on, "Certificate checked",
                 f"Certificate checked against the records by {e.checked_by}."),
                (e.issued_on, "Certificate issued",
                 f"Certificate issued to the learner by {e.issued_by}.")]:
            if day:
                out.append(TrailEntry(day, kind, text, url))
    return out


def _after_claim(learner_id: int) -> list[TrailEntry]:
    out = []
    for a in CertificateAnomaly.objects.filter(entry__learner_id=learner_id).select_related(
            "entry", "reported_by", "resolved_by"):
        url = reverse("registrations:claim-detail", args=[a.entry.claim_id])
        out.append(TrailEntry(a.reported_at, "Certificate anomaly",
                              f"{a.get_kind_display()} on the certificate, reported by "
                              f"{a.reported_by}; the certificate is held.", url, [a.description]))
        if a.resolved_at:
            out.append(TrailEntry(a.resolved_at, "Anomaly resolved",
                                  f"Anomaly resolved by {a.resolved_by}.", url, [a.resolution]))
    for c in ResultCorrectionAfterClaim.objects.filter(learner_id=learner_id).select_related(
            "entry", "made_by"):
        out.append(TrailEntry(c.made_at, "Result corrected after the claim",
                              f"{c.what_changed} (by {c.made_by}).",
                              reverse("registrations:claim-detail", args=[c.entry.claim_id]),
                              [f"Reason: {c.reason}"]))
    return out


@trail.register("registrations.certification")
def certification(learner_id: int) -> list[TrailEntry]:
    """Student reports, the claims the learner is in, the certificate's life, anomalies,
    claim flags and results corrected after the claim. Five queries."""
    return [*_reports(learner_id), *_claims(learner_id), *_after_claim(learner_id),
            *_flags(learner_id, RegistrationFlag.Concerns.CLAIM)]
