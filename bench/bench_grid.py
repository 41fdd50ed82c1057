"""Tracking grids against a floor.

Builds, in the demo centre, a programme of 12 units (the first with 15 criteria) and a cohort
of 200 learners with a decision on every assignment (bulk-created: the services are tested
elsewhere; here only the data's shape matters), including corrected decisions, late work and
authorised resubmissions not yet assessed.

Each page is timed through django.test.Client as the Lead IV, against a floor: the same cells
fetched by ONE raw SQL query and written out as a bare HTML table with string joins and
escape(), in the same process. Medians over interleaved rounds, so machine noise hits page and
floor alike. The goal is a page within 2x its floor.
"""

import random
import statistics
import time
from datetime import date, timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from assessment.models import (
    AssessmentPlan,
    Assignment,
    CriterionResult,
    Decision,
    GradingScheme,
    Resubmission,
    Submission,
)
from qmr.models import Centre, SubjectArea, User
from registrations.models import Cohort, Criterion, Learner, LearnerStatus, Programme, Unit

LEARNERS = 200
UNITS = 12
ROUNDS = 30
WARM_UP = 3
CODE = "BGRID1"


# --- The data --------------------------------------------------------------------------------

def _criteria(unit_no: int) -> list[tuple[str, str]]:
    p, m, d = (7, 5, 3) if unit_no == 1 else (5, 3, 2)  # unit 1: 15 criteria; others 10
    return ([(f"P{i}", "P") for i in range(1, p + 1)] + [(f"M{i}", "M") for i in range(1, m + 1)]
            + [(f"D{i}", "D") for i in range(1, d + 1)])


def build() -> tuple[Cohort, Unit, User]:
    centre = Centre.objects.get(number="48213")
    lead_iv = User.objects.get(email="lead.iv@brookfield.example")  # Lead IV of area 8.1
    area = SubjectArea.objects.get(centre=centre, code="8.1")
    year = centre.academic_years.order_by("-starts_on").first()
    programme = Programme.objects.create(
        centre=centre, subject_area=area, code=CODE, level="3",
        title="BTEC Level 3 National Extended Diploma in Sport (grid benchmark)")
    GradingScheme.objects.create(programme=programme)
    units = Unit.objects.bulk_create([
        Unit(programme=programme, number=str(n), title=f"Unit {n} of the benchmark",
             guided_learning_hours=(60, 90, 120)[n % 3], mandatory=n <= 6)
        for n in range(1, UNITS + 1)])
    Criterion.objects.bulk_create([
        Criterion(unit=u, code=code, band=band, learning_aim="A", text=f"{code} of {u.number}")
        for n, u in enumerate(units, 1) for code, band in _criteria(n)])
    criteria = {u.pk: list(Criterion.objects.filter(unit=u).order_by("pk")) for u in units}
    cohort = Cohort.objects.create(programme=programme, academic_year=year,
                                   name="Sport L3 grid benchmark", starts_on=year.starts_on,
                                   expected_end_on=year.ends_on)
    rng = random.Random(7)
    Learner.objects.bulk_create([
        Learner(centre=centre, programme=programme, cohort=cohort, centre_ref=f"GB{i:04d}",
                first_name=rng.choice(["Amelia", "Noah", "Isla", "Leo", "Ava", "O'Neill"]),
                last_name=rng.choice(["Ashworth", "Okoro", "Brennan", "Kowalski", "Haddad"]),
                date_of_birth=date(2008, 9, 1), status=LearnerStatus.REGISTERED)
        for i in range(LEARNERS)])
    learners = list(Learner.objects.filter(cohort=cohort).order_by("pk"))

    plan = AssessmentPlan.objects.create(programme=programme, academic_year=year,
                                         signed_off_by=lead_iv, signed_off_at=timezone.now())
    targets = []  # (assignment, its criteria); unit 1 is split over two assignments
    for u in units:
        crit = criteria[u.pk]
        parts = [crit[::2], crit[1::2]] if u.number == "1" else [crit]
        for k, part in enumerate(parts):
            a = Assignment.objects.create(
                plan=plan, title=f"Unit {u.number} assignment {k + 1}",
                hand_out_on=year.starts_on, deadline=year.starts_on + timedelta(days=40),
                assessor=lead_iv, internal_verifier=lead_iv, verify_brief_by=year.starts_on)
            a.criteria.set(part)
            targets.append((a, part))

    # Bulk rows, for speed: a submission and a decision per learner and assignment.
    when = timezone.now() - timedelta(days=30)
    subs = Submission.objects.bulk_create([
        Submission(assignment=a, learner=lr, submitted_by=lead_iv, deadline=a.deadline,
                   late=rng.random() < 0.05, declaration_signed_at=when, submitted_at=when)
        for lr in learners for a, _ in targets])
    decisions = Decision.objects.bulk_create([
        Decision(submission=s, assessor=lead_iv, authentic=True, feedback="Feedback.",
                 decided_at=when, can_improve_without_guidance=True, released_at=when,
                 received_on=when.date()) for s in subs])
    ability = {lr.pk: rng.random() for lr in learners}
    band_bar = {"P": 0.1, "M": 0.45, "D": 0.7}
    results, corrections, resubs = [], [], []
    criteria_of = {a.pk: part for a, part in targets}
    for d, s in zip(decisions, subs, strict=True):
        skill = ability[s.learner_id]
        for c in criteria_of[s.assignment_id]:
            results.append(CriterionResult(decision=d, criterion=c,
                                           achieved=skill + rng.random() * 0.3 > band_bar[c.band]))
        if rng.random() < 0.03:
            corrections.append((d, s))
        elif rng.random() < 0.03:
            resubs.append(Resubmission(submission=s, status=Resubmission.Status.AUTHORISED,
                                       requested_by=lead_iv, decided_by=lead_iv,
                                       decided_at=when, deadline=date.today()))
    fixed = Decision.objects.bulk_create([
        Decision(submission=s, assessor=lead_iv, authentic=True, feedback="Corrected.",
                 supersedes=d, correction_reason="Marking error", decided_at=when)
        for d, s in corrections])
    results += [CriterionResult(decision=new, criterion=c, achieved=True)
                for new, (_, s) in zip(fixed, corrections, strict=True)
                for c in criteria_of[s.assignment_id]]
    CriterionResult.objects.bulk_create(results, batch_size=2000)
    Resubmission.objects.bulk_create(resubs)
    return cohort, units[0], lead_iv


# --- The floors: one raw query each, a bare table --------------------------------------------
# Written to be quick on SQLite: each part starts from the few rows that narrow it most (the
# unit's criteria, the cohort's learners), with CROSS JOIN keeping SQLite to that order.

UNIT_SQL = """
WITH cr AS (SELECT id, code, band, CASE band WHEN 'P' THEN 0 WHEN 'M' THEN 1 ELSE 2 END AS bo
            FROM registrations_criterion WHERE unit_id = %(unit)s),
res AS (SELECT s.learner_id, r.criterion_id,
               MAX(CASE WHEN r.achieved THEN 1 ELSE 0 END) AS achieved
        FROM cr CROSS JOIN assessment_criterionresult r
        CROSS JOIN assessment_decision d
        CROSS JOIN assessment_submission s
        CROSS JOIN registrations_learner l
        WHERE r.criterion_id = cr.id AND d.id = r.decision_id AND s.id = d.submission_id
          AND l.id = s.learner_id AND l.cohort_id = %(cohort)s
          AND NOT EXISTS (SELECT 1 FROM assessment_decision n WHERE n.supersedes_id = d.id)
        GROUP BY s.learner_id, r.criterion_id),
sub AS (SELECT s.learner_id, ac.criterion_id, s.late,
               ROW_NUMBER() OVER (PARTITION BY s.learner_id, ac.criterion_id
                                  ORDER BY s.submitted_at DESC) AS nth
        FROM cr CROSS JOIN assessment_assignment_criteria ac
        CROSS JOIN assessment_submission s
        CROSS JOIN registrations_learner l
        WHERE ac.criterion_id = cr.id AND s.assignment_id = ac.assignment_id
          AND l.id = s.learner_id AND l.cohort_id = %(cohort)s),
pend AS (SELECT DISTINCT s.learner_id, ac.criterion_id
         FROM cr JOIN assessment_assignment_criteria ac ON ac.criterion_id = cr.id
         JOIN assessment_submission s ON s.assignment_id = ac.assignment_id
         JOIN assessment_resubmission rs ON rs.submission_id = s.id
         JOIN registrations_learner l ON l.id = s.learner_id
         WHERE l.cohort_id = %(cohort)s AND rs.status = 'authorised'
           AND NOT EXISTS (SELECT 1 FROM assessment_submission s2
                           JOIN assessment_decision d2 ON d2.submission_id = s2.id
                           WHERE s2.assignment_id = s.assignment_id
                             AND s2.learner_id = s.learner_id
                             AND s2.attempt = 'resubmission'))
SELECT l.id, l.last_name, l.first_name, l.centre_ref, cr.code, cr.band,
       res.achieved, sub.late, pend.learner_id IS NOT NULL
FROM registrations_learner l CROSS JOIN cr
LEFT JOIN res ON res.learner_id = l.id AND res.criterion_id = cr.id
LEFT JOIN sub ON sub.learner_id = l.id AND sub.criterion_id = cr.id AND sub.nth = 1
LEFT JOIN pend ON pend.learner_id = l.id AND pend.criterion_id = cr.id
WHERE l.cohort_id = %(cohort)s AND l.status IN ('enrolled', 'registered')
ORDER BY l.last_name, l.first_name, l.id, cr.bo, cr.id
"""

SYMBOL = {"a": "✓", "r": "R", "l": "L", "n": "✗", "e": "·"}


def _grade(done: dict, total: dict) -> str:
    grade = "U"
    for band in "PMD":
        if total[band] and done[band] < total[band]:
            break
        grade = band if total[band] else grade
    return grade


def unit_floor(cohort_id: int, unit_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(UNIT_SQL, {"cohort": cohort_id, "unit": unit_id})
        rows = cursor.fetchall()
    out, codes, counts = [], [], {}
    current, cells, done, total, name = None, [], {}, {}, ""

    def flush() -> None:
        out.append(f"<tr><th>{name}</th>{''.join(cells)}<td>{sum(done.values())}</td>"
                   f"<td>{_grade(done, total)}</td></tr>")

    for lid, last, first, ref, code, band, achieved, late, pending in rows:
        if lid != current:
            if current is not None:
                flush()
            current, cells, name = lid, [], f"{escape(last)}, {escape(first)} {escape(ref)}"
            done, total = dict.fromkeys("PMD", 0), dict.fromkeys("PMD", 0)
        if lid == rows[0][0]:
            codes.append(code)
        state = ("a" if achieved else "r" if pending else "l" if late
                 else "n" if achieved is not None else "e")
        total[band] += 1
        if state == "a":
            done[band] += 1
            counts[code] = counts.get(code, 0) + 1
        cells.append(f'<td class="{state}">{SYMBOL[state]}</td>')
    if current is not None:
        flush()
    head = "".join(f"<th>{escape(c)}</th>" for c in codes)
    foot = "".join(f"<td>{counts.get(c, 0)}</td>" for c in codes)
    return (f"<table><thead><tr><th>Learner</th>{head}<th>Achieved</th><th>Grade</th></tr>"
            f"</thead><tbody>{''.join(out)}</tbody><tfoot><tr><th>Achieving</th>{foot}"
            f"</tr></tfoot></table>")


COHORT_SQL = """
WITH un AS (SELECT u.id, u.number, u.guided_learning_hours AS glh,
                   SUM(CASE WHEN c.band = 'P' THEN 1 ELSE 0 END) AS np,
                   SUM(CASE WHEN c.band = 'M' THEN 1 ELSE 0 END) AS nm,
                   SUM(CASE WHEN c.band = 'D' THEN 1 ELSE 0 END) AS nd
            FROM registrations_unit u LEFT JOIN registrations_criterion c ON c.unit_id = u.id
            WHERE u.programme_id = %(programme)s
            GROUP BY u.id, u.number, u.guided_learning_hours),
ach AS (SELECT s.learner_id, c.unit_id,
               COUNT(DISTINCT CASE WHEN r.achieved AND c.band = 'P' THEN c.id END) AS p,
               COUNT(DISTINCT CASE WHEN r.achieved AND c.band = 'M' THEN c.id END) AS m,
               COUNT(DISTINCT CASE WHEN r.achieved AND c.band = 'D' THEN c.id END) AS d
        FROM registrations_learner l
        JOIN assessment_submission s ON s.learner_id = l.id
        JOIN assessment_decision d ON d.submission_id = s.id
        LEFT JOIN assessment_decision n ON n.supersedes_id = d.id
        JOIN assessment_criterionresult r ON r.decision_id = d.id
        JOIN registrations_criterion c ON c.id = r.criterion_id
        WHERE l.cohort_id = %(cohort)s AND n.id IS NULL
        GROUP BY s.learner_id, c.unit_id)
SELECT l.id, l.last_name, l.first_name, l.centre_ref, un.number, un.glh,
       un.np, un.nm, un.nd, ach.p, ach.m, ach.d
FROM registrations_learner l CROSS JOIN un
LEFT JOIN ach ON ach.learner_id = l.id AND ach.unit_id = un.id
WHERE l.cohort_id = %(cohort)s AND l.status IN ('enrolled', 'registered')
ORDER BY l.last_name, l.first_name, l.id, un.id
"""


def cohort_floor(cohort_id: int, programme_id: int, scheme: GradingScheme) -> str:
    with connection.cursor() as cursor:
        cursor.execute(COHORT_SQL, {"cohort": cohort_id, "programme": programme_id})
        rows = cursor.fetchall()
    table = scheme.unit_points
    bars = sorted(scheme.thresholds, key=lambda t: t["min"])
    out, numbers, current, cells, points, name = [], [], None, [], 0, ""

    def flush() -> None:
        predicted = "U"
        for t in bars:
            if points >= t["min"]:
                predicted = t["grade"]
        out.append(f"<tr><th>{name}</th>{''.join(cells)}<td>{points}</td>"
                   f"<td>{escape(predicted)}</td></tr>")

    for lid, last, first, ref, number, glh, np_, nm, nd, p, m, d in rows:
        if lid != current:
            if current is not None:
                flush()
            current, cells, points = lid, [], 0
            name = f"{escape(last)}, {escape(first)} {escape(ref)}"
        if lid == rows[0][0]:
            numbers.append(number)
        if p is None:
            grade = ""
        else:
            grade = _grade({"P": p, "M": m, "D": d}, {"P": np_, "M": nm, "D": nd})
            if grade != "U":
                row = table.get(str(glh)) or {k: v * glh // 60 for k, v in table["60"].items()}
                points += row[grade]
        cells.append(f"<td>{grade or '·'}</td>")
    if current is not None:
        flush()
    head = "".join(f"<th>Unit {escape(n)}</th>" for n in numbers)
    return (f"<table><thead><tr><th>Learner</th>{head}<th>Points</th><th>Predicted</th></tr>"
            f"</thead><tbody>{''.join(out)}</tbody></table>")


# --- Timing ----------------------------------------------------------------------------------

def _page(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def _floor(fn, *args) -> float:
    started = time.perf_counter()
    html = fn(*args)
    elapsed = time.perf_counter() - started
    assert "<tbody><tr>" in html
    return elapsed


def run() -> list[dict]:
    cohort, unit, lead_iv = build()
    scheme = GradingScheme.objects.get(programme=cohort.programme)
    client = Client(HTTP_HOST="localhost")
    client.force_login(lead_iv)
    unit_url = f"/assessment/grids/cohorts/{cohort.pk}/units/{unit.pk}/"
    cohort_url = f"/assessment/grids/cohorts/{cohort.pk}/"
    eligibility_url = f"/registrations/cohorts/{cohort.pk}/eligibility/"
    timers = {
        "unit": lambda: _page(client, unit_url),
        "unit_floor": lambda: _floor(unit_floor, cohort.pk, unit.pk),
        "cohort": lambda: _page(client, cohort_url),
        "cohort_floor": lambda: _floor(cohort_floor, cohort.pk, cohort.programme_id, scheme),
        # Every claim check over the same cohort (no floor: it is a set of rules, not a grid).
        "eligibility": lambda: _page(client, eligibility_url),
    }
    samples: dict[str, list[float]] = {k: [] for k in timers}
    for n in range(WARM_UP + ROUNDS):
        for key, timer in timers.items():
            elapsed = timer()
            if n >= WARM_UP:
                samples[key].append(elapsed)
    m = {k: statistics.median(v) for k, v in samples.items()}
    return [
        {"name": "assessment.grid_unit_200x15_ms", "value": m["unit"] * 1000, "unit": "ms"},
        {"name": "assessment.grid_unit_200x15_floor_ms", "value": m["unit_floor"] * 1000,
         "unit": "ms"},
        {"name": "assessment.grid_unit_200x15_ratio_to_floor",
         "value": m["unit"] / m["unit_floor"], "unit": "x", "goal": 2},
        {"name": "assessment.grid_all_units_200x12_ms", "value": m["cohort"] * 1000,
         "unit": "ms"},
        {"name": "assessment.grid_all_units_200x12_floor_ms", "value": m["cohort_floor"] * 1000,
         "unit": "ms"},
        {"name": "assessment.grid_all_units_200x12_ratio_to_floor",
         "value": m["cohort"] / m["cohort_floor"], "unit": "x", "goal": 2},
        {"name": "registrations.eligibility_200x12_ms", "value": m["eligibility"] * 1000,
         "unit": "ms"},
    ]
