"""The evidence pack PDF of a large centre: 1,000 learners.

Builds a second centre beside the demo one (so the other benchmarks' learners do not count),
with five programmes of 200 learners: registrations (some late, identity checked), four
assignments each with a decision at criterion level for every learner, and internal
verification of one decision in ten (bulk-created: the services are tested elsewhere; here
only the data's shape matters). Then runs the pack job as a worker would, timing it, counting
the pages and taking the peak memory of this process and its children (the parts are laid out
in child processes).
"""

import io
import random
import resource
import time
from datetime import date, timedelta

from django.utils import timezone
from pypdf import PdfReader

from assessment.models import AssessmentPlan, Assignment, CriterionResult, Decision, Submission
from qmr.jobs import services as jobs
from qmr.jobs.models import Job
from qmr.models import AcademicYear, Centre, SubjectArea, User
from qmr.review import documents
from qmr.review.models import ReviewCycle
from registrations.models import Cohort, Criterion, Learner, LearnerStatus, Programme, Unit
from verification.models import DecisionVerification, IVSample

PROGRAMMES = 5
PER_PROGRAMME = 200
UNITS = 4
CODES = [("P1", "P"), ("P2", "P"), ("P3", "P"), ("M1", "M"), ("M2", "M"), ("D1", "D")]


def build() -> ReviewCycle:
    demo = ReviewCycle.objects.select_related("academic_year", "definition").filter(
        centre__number="48213").order_by("-academic_year__starts_on").first()
    staff = User.objects.get(email="lead.iv@brookfield.example")
    centre = Centre.objects.create(number="99001", name="Large Bench College")
    year = AcademicYear.objects.create(centre=centre, name=demo.academic_year.name,
                                       starts_on=demo.academic_year.starts_on,
                                       ends_on=demo.academic_year.ends_on)
    cycle = ReviewCycle.objects.create(centre=centre, academic_year=year,
                                       definition=demo.definition)
    rng = random.Random(11)
    when = timezone.now() - timedelta(days=30)
    for p in range(1, PROGRAMMES + 1):
        area = SubjectArea.objects.create(centre=centre, code=f"{p}.1", name=f"Area {p}")
        programme = Programme.objects.create(
            centre=centre, subject_area=area, code=f"BLP{p}", level="3",
            title=f"BTEC Level 3 National Diploma, large centre programme {p}")
        cohort = Cohort.objects.create(programme=programme, academic_year=year,
                                       name=f"Programme {p} {year.name}",
                                       starts_on=year.starts_on, expected_end_on=year.ends_on)
        units = Unit.objects.bulk_create([
            Unit(programme=programme, number=str(n), title=f"Unit {n}",
                 guided_learning_hours=60, mandatory=True) for n in range(1, UNITS + 1)])
        Criterion.objects.bulk_create([
            Criterion(unit=u, code=code, band=band, learning_aim="A", text=f"{code} of {u}")
            for u in units for code, band in CODES])
        plan = AssessmentPlan.objects.create(programme=programme, academic_year=year,
                                             signed_off_by=staff, signed_off_at=when)
        assignments = []
        for u in units:
            a = Assignment.objects.create(
                plan=plan, title=f"Unit {u.number} assignment", hand_out_on=year.starts_on,
                deadline=year.starts_on + timedelta(days=40), assessor=staff,
                internal_verifier=staff, verify_brief_by=year.starts_on)
            a.criteria.set(Criterion.objects.filter(unit=u))
            assignments.append((a, list(a.criteria.all())))
        Learner.objects.bulk_create([
            Learner(centre=centre, programme=programme, cohort=cohort,
                    centre_ref=f"L{p}{i:04d}", first_name=rng.choice(["Amelia", "Noah", "Isla"]),
                    last_name=rng.choice(["Ashworth", "Okoro", "O'Neill", "Haddad"]),
                    date_of_birth=date(2008, 9, 1), status=LearnerStatus.REGISTERED,
                    identity_checked_by=staff, identity_checked_at=when,
                    registration_number=f"R{p}{i:05d}", registered_on=year.starts_on,
                    registered_by=staff, registered_late=rng.random() < 0.04)
            for i in range(PER_PROGRAMME)])
        learners = list(Learner.objects.filter(cohort=cohort))
        subs = Submission.objects.bulk_create([
            Submission(assignment=a, learner=lr, submitted_by=staff, deadline=a.deadline,
                       late=rng.random() < 0.05, declaration_signed_at=when, submitted_at=when)
            for lr in learners for a, _ in assignments])
        decisions = Decision.objects.bulk_create([
            Decision(submission=s, assessor=staff, authentic=True, feedback="Feedback.",
                     decided_at=when, can_improve_without_guidance=True, released_at=when,
                     received_on=when.date()) for s in subs])
        criteria = {a.pk: crit for a, crit in assignments}
        CriterionResult.objects.bulk_create([
            CriterionResult(decision=d, criterion=c, achieved=rng.random() < 0.8)
            for d, s in zip(decisions, subs, strict=True) for c in criteria[s.assignment_id]],
            batch_size=2000)
        sampled = [(d, s) for d, s in zip(decisions, subs, strict=True) if rng.random() < 0.1]
        IVSample.objects.bulk_create([
            IVSample(submission=s, verifier=staff, due_on=year.starts_on + timedelta(days=60),
                     chosen_by=staff) for _, s in sampled])
        DecisionVerification.objects.bulk_create([
            DecisionVerification(submission=s, decision=d, verifier=staff, verified_at=when,
                                 authenticity_confirmed=True, feedback_links_to_criteria=True,
                                 feedback_justifies_awards=True,
                                 feedback_avoids_improvement_actions=True,
                                 agrees=rng.random() < 0.9, declared=True)
            for d, s in sampled])
    return cycle


def run() -> list[dict]:
    cycle = build()
    assert Learner.objects.filter(centre=cycle.centre).count() == PROGRAMMES * PER_PROGRAMME
    job = Job.objects.create(kind=documents.PACK, title="Evidence pack (benchmark)",
                             centre=cycle.centre, params={"cycle": cycle.pk},
                             requested_by=User.objects.get(email="lead.iv@brookfield.example"))
    started = time.perf_counter()
    jobs.run(job.pk)  # as the worker's task does
    elapsed = time.perf_counter() - started
    job.refresh_from_db()
    assert job.state == Job.State.DONE, job.error
    with job.file.open("rb") as f:
        pages = len(PdfReader(io.BytesIO(f.read())).pages)
    # ru_maxrss is in KiB on Linux; the children's figure is the largest child's peak.
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return [
        {"name": "jobs.evidence_pack_pdf_1000_learners_s", "value": elapsed, "unit": "s",
         "goal": 60},
        {"name": "jobs.evidence_pack_pdf_pages", "value": pages, "unit": "pages"},
        {"name": "jobs.evidence_pack_pdf_peak_mib", "value": peak, "unit": "MiB", "goal": 1536},
    ]
