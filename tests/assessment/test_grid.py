"""Tracking grids: the grading rules, the cell states built from real decisions (corrections,
resubmissions, late work, retakes), and who may open the grids."""

import csv
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from assessment import grid, services
from assessment.grading import grade_from_counts, overall_grade, unit_grade, unit_points
from assessment.models import Attempt, GradingScheme, RetakeRule
from qmr import services as qmr_services
from qmr.calendar import WorkingDays
from registrations import services as registration_services
from registrations import specification
from registrations.models import LearnerStatus, Unit
from tests.assessment.conftest import brief_answers
from tests.factories import LearnerFactory
from verification import briefs as briefs_iv

# --- Grading rules (no database) -------------------------------------------------------------

UNIT = [("P1", "P"), ("P2", "P"), ("P3", "P"), ("M1", "M"), ("M2", "M"), ("D1", "D")]


@pytest.mark.parametrize("achieved,expected", [
    (set(), "U"),
    ({"P1", "P2"}, "U"),                                  # one Pass criterion short
    ({"P1", "P2", "P3"}, "P"),
    ({"P1", "P2", "P3", "M1"}, "P"),                      # Merit needs every Merit criterion
    ({"P1", "P2", "P3", "M1", "M2"}, "M"),
    ({"P1", "P2", "M1", "M2", "D1"}, "U"),                # Merit and Distinction, not all Pass
    ({"P1", "P2", "P3", "M1", "D1"}, "P"),                # Distinction without all Merit
    ({"P1", "P2", "P3", "M1", "M2", "D1"}, "D"),
    ({"P1", "P2", "P3", "M1", "M2", "D1", "X9"}, "D"),    # a stray code changes nothing
])
def test_unit_grade(achieved, expected):
    assert unit_grade(achieved, UNIT) == expected


def test_unit_grade_on_other_shapes():
    assert unit_grade({"P1"}, [("P1", "P")]) == "P"      # a Pass-only unit tops out at Pass
    assert unit_grade({"P1", "M1"}, [("P1", "P"), ("M1", "M")]) == "M"
    assert unit_grade(set(), []) == "U"                  # no criteria: nothing to achieve
    assert unit_grade({"D1"}, [("D1", "D")]) == "D"


@pytest.mark.parametrize("cap,expected", [(None, "D"), ("D", "D"), ("M", "M"), ("P", "P")])
def test_a_retake_cap_limits_the_grade(cap, expected):
    every = {code for code, _ in UNIT}
    assert unit_grade(every, UNIT, cap=cap) == expected


def test_a_cap_never_raises_a_grade():
    assert unit_grade({"P1", "P2", "P3"}, UNIT, cap="M") == "P"
    assert unit_grade({"P1"}, UNIT, cap="P") == "U"
    assert grade_from_counts({"P": 3, "M": 2, "D": 1}, {"P": 3, "M": 2, "D": 1}, "P") == "P"


def test_unit_points_from_the_table_and_scaled():
    scheme = GradingScheme()  # the defaults: 60, 90 and 120 hours
    assert unit_points(scheme, 60, "P") == 6
    assert unit_points(scheme, 90, "M") == 15
    assert unit_points(scheme, 120, "D") == 32
    assert unit_points(scheme, 120, "U") == 0
    assert unit_points(scheme, 30, "D") == 8          # 16 x 30/60
    assert unit_points(scheme, 45, "P") == 5          # 4.5: halves round up
    assert unit_points(scheme, 45, "M") == 8          # 7.5
    assert unit_points(scheme, 180, "M") == 30
    assert unit_points(scheme, 50, "D") == 13         # 13.33


def test_unit_points_without_a_60_hour_row_scale_from_the_smallest():
    scheme = SimpleNamespace(unit_points={"120": {"P": 12, "M": 20, "D": 32}})
    assert unit_points(scheme, 30, "D") == 8


def test_overall_grade_is_the_highest_threshold_met():
    scheme = GradingScheme()
    assert [overall_grade(scheme, p) for p in (0, 35, 36, 51, 52, 74, 89, 90, 300)] == [
        "U", "U", "P", "P", "M", "D", "D", "D*", "D*"]
    shuffled = SimpleNamespace(thresholds=[{"grade": "M", "min": 20}, {"grade": "P", "min": 10}])
    assert overall_grade(shuffled, 25) == "M"
    assert overall_grade(shuffled, 10) == "P"


# --- A cohort assessed through the services --------------------------------------------------

def upload():
    return [services.Upload("work.pdf", ContentFile(b"%PDF-1.4 work", name="work.pdf"), 13)]


@pytest.fixture
def course(world):
    """A cohort of world.programme with two units, a signed-off plan and issued briefs.

    Unit 1: P1, P2, M1, D1. "Brief 1" targets P1, P2, M1 (deadline ahead); "Brief 2" targets
    D1 and its deadline has passed, so work handed in now is late. Unit 2: P1, M1, D1, all in
    "Brief 3", 90 guided learning hours.
    """
    today = timezone.localdate()
    year = qmr_services.add_academic_year(actor=None, centre=world.centre, name="Grid year",
                                          starts_on=today - timedelta(days=120),
                                          ends_on=today + timedelta(days=240))
    qmr_services.add_term(actor=None, year=year, name="Whole year", starts_on=year.starts_on,
                          ends_on=year.ends_on)
    cohort = registration_services.create_cohort(
        actor=world["exams"], programme=world.programme, academic_year=year, name="Grid cohort",
        starts_on=year.starts_on, expected_end_on=year.ends_on)
    leader = world["leader"]
    unit1 = specification.add_unit(actor=leader, programme=world.programme, number="1",
                                   title="Fitness", guided_learning_hours=60, mandatory=True,
                                   externally_assessed=False)
    unit2 = specification.add_unit(actor=leader, programme=world.programme, number="2",
                                   title="Coaching", guided_learning_hours=90, mandatory=False,
                                   externally_assessed=False)
    c = {}
    for unit, codes in ((unit1, ["D1", "M1", "P1", "P2"]), (unit2, ["P1", "M1", "D1"])):
        for code in codes:  # bands typed out of order: the grid shows P, M, D
            c[(unit.number, code)] = specification.add_criterion(
                actor=leader, unit=unit, code=code, learning_aim="A", text=f"{code} wording")
    plan = services.start_plan(actor=leader, programme=world.programme, academic_year=year)
    briefs = {}
    for title, targets, deadline in (
            ("Brief 1", [("1", "P1"), ("1", "P2"), ("1", "M1")], today + timedelta(days=10)),
            ("Brief 2", [("1", "D1")], today - timedelta(days=1)),
            ("Brief 3", [("2", "P1"), ("2", "M1"), ("2", "D1")], today + timedelta(days=10))):
        briefs[title] = services.add_assignment(
            actor=leader, plan=plan, title=title, criteria=[c[t] for t in targets],
            hand_out_on=today - timedelta(days=20), deadline=deadline,
            assessor=world["assessor"], internal_verifier=world["iv"],
            verify_brief_by=today - timedelta(days=21), tasks="1. Do the work.")
    services.sign_off_plan(actor=world["lead_iv"], plan=plan)
    for assignment in briefs.values():
        briefs_iv.verify_brief(actor=world["iv"], assignment=assignment, outcome="fit",
                               answers=brief_answers())
        services.issue_brief(actor=world["assessor"], assignment=assignment, cohort=cohort)
    return SimpleNamespace(cohort=cohort, unit1=unit1, unit2=unit2, c=c, briefs=briefs,
                           year=year, world=world)


def learner(course, last_name, **kw):
    return LearnerFactory(programme=course.world.programme, cohort=course.cohort,
                          status=LearnerStatus.REGISTERED, last_name=last_name,
                          first_name="Sam", **kw)


def hand_in(course, brief, lr, attempt=Attempt.FIRST):
    return services.submit_evidence(actor=course.world["assessor"],
                                    assignment=course.briefs[brief], learner=lr,
                                    files=upload(), declaration=True, attempt=attempt)


def decide(course, submission, unit, **achieved):
    """achieved: criterion code -> True/False, for every criterion the brief targets."""
    results = {course.c[(unit, code)].pk: (ok, "") for code, ok in achieved.items()}
    return services.record_decision(actor=course.world["assessor"], submission=submission,
                                    results=results, feedback="Feedback for the learner.",
                                    authentic=True, can_improve_without_guidance=True)


def states(data):
    return {r.learner.last_name: dict(zip([c.code for c in data.criteria], r.cells,
                                          strict=True)) for r in data.rows}


def grades(data):
    return {r.learner.last_name: r.grade for r in data.rows}


@pytest.fixture
def assessed(course):
    """Learners in each state the grid shows."""
    w = course.world
    people = {name: learner(course, name) for name in (
        "Achiever", "Corrected", "Resubmitter", "Late", "Waiting", "Nothing", "Leaver")}

    sub = hand_in(course, "Brief 1", people["Achiever"])
    decide(course, sub, "1", P1=True, P2=True, M1=True)
    sub = hand_in(course, "Brief 2", people["Achiever"])  # late, but achieved: late never caps
    decide(course, sub, "1", D1=True)

    sub = hand_in(course, "Brief 1", people["Corrected"])
    first = decide(course, sub, "1", P1=True, P2=False, M1=True)
    services.correct_decision(actor=w["assessor"], decision=first,
                              results={course.c[("1", "P1")].pk: (False, "Not met"),
                                       course.c[("1", "P2")].pk: (True, ""),
                                       course.c[("1", "M1")].pk: (True, "")},
                              feedback="Corrected.", reason="P1 and P2 were swapped")

    sub = hand_in(course, "Brief 1", people["Resubmitter"])
    decision = decide(course, sub, "1", P1=True, P2=False, M1=False)
    services.release_result(actor=w["assessor"], decision=decision)
    services.confirm_received(actor=w["assessor"], decision=decision)
    request = services.request_resubmission(actor=w["assessor"], submission=sub)
    services.authorise_resubmission(
        actor=w["lead_iv"], request=request,
        deadline=WorkingDays(w.centre).add(timezone.localdate(), 3))

    sub = hand_in(course, "Brief 2", people["Late"])  # handed in late, not assessed yet
    sub = hand_in(course, "Brief 1", people["Late"])
    decide(course, sub, "1", P1=True, P2=True, M1=False)

    hand_in(course, "Brief 1", people["Waiting"])  # handed in, not assessed yet

    sub = hand_in(course, "Brief 1", people["Leaver"])
    decide(course, sub, "1", P1=True, P2=True, M1=True)
    people["Leaver"].status = LearnerStatus.WITHDRAWN
    people["Leaver"].save(update_fields=["status"])
    return people


def test_criteria_run_p_m_d(course, assessed):
    data = grid.unit_grid(course.cohort, course.unit1)
    assert [c.code for c in data.criteria] == ["P1", "P2", "M1", "D1"]


def test_each_cell_state(course, assessed):
    data = grid.unit_grid(course.cohort, course.unit1)
    A, N, R, L, E = grid.ACHIEVED, grid.NOT_YET, grid.RESUBMISSION, grid.LATE, grid.NOT_ASSESSED
    assert states(data) == {
        "Achiever": {"P1": A, "P2": A, "M1": A, "D1": A},
        # the correction counts, not the decision it corrects
        "Corrected": {"P1": N, "P2": A, "M1": A, "D1": E},
        "Resubmitter": {"P1": A, "P2": R, "M1": R, "D1": E},
        "Late": {"P1": A, "P2": A, "M1": N, "D1": L},
        "Waiting": {"P1": E, "P2": E, "M1": E, "D1": E},
        "Nothing": {"P1": E, "P2": E, "M1": E, "D1": E},
    }  # the withdrawn learner is not shown


def test_summaries(course, assessed):
    data = grid.unit_grid(course.cohort, course.unit1)
    assert grades(data) == {"Achiever": "D", "Corrected": "U", "Resubmitter": "U", "Late": "P",
                            "Waiting": "U", "Nothing": "U"}
    assert {r.learner.last_name: r.achieved for r in data.rows}["Late"] == 2
    by_code = {c.code: s for c, s in zip(data.criteria, data.summary, strict=True)}
    assert (by_code["P1"].achieved, by_code["P1"].percent) == (3, 50)
    assert (by_code["P2"].achieved, by_code["P2"].percent) == (3, 50)
    assert (by_code["M1"].achieved, by_code["M1"].percent) == (2, 33)
    assert (by_code["D1"].achieved, by_code["D1"].percent) == (1, 17)


def test_an_assessed_resubmission_replaces_the_pending_state(course, assessed):
    lr = assessed["Resubmitter"]
    sub = hand_in(course, "Brief 1", lr, attempt=Attempt.RESUBMISSION)
    data = grid.unit_grid(course.cohort, course.unit1)
    assert states(data)["Resubmitter"]["P2"] == grid.RESUBMISSION  # handed in, not assessed
    decide(course, sub, "1", P1=True, P2=True, M1=False)
    data = grid.unit_grid(course.cohort, course.unit1)
    assert states(data)["Resubmitter"] == {"P1": grid.ACHIEVED, "P2": grid.ACHIEVED,
                                           "M1": grid.NOT_YET, "D1": grid.NOT_ASSESSED}
    assert grades(data)["Resubmitter"] == "P"


def test_a_grade_earned_on_a_retake_is_capped(course):
    RetakeRule.objects.create(programme=course.world.programme, allowed=True, max_band="P")
    lr = learner(course, "Retaker")
    first = hand_in(course, "Brief 1", lr)
    decide(course, first, "1", P1=True, P2=False, M1=False)
    decide(course, hand_in(course, "Brief 2", lr), "1", D1=True)
    assert grades(grid.unit_grid(course.cohort, course.unit1))["Retaker"] == "U"
    services.authorise_retake(actor=course.world["lead_iv"], submission=first)
    retake = hand_in(course, "Brief 1", lr, attempt=Attempt.RETAKE)
    decide(course, retake, "1", P1=True, P2=True, M1=True)
    unit_data = grid.unit_grid(course.cohort, course.unit1)
    assert states(unit_data)["Retaker"] == dict.fromkeys(["P1", "P2", "M1", "D1"], grid.ACHIEVED)
    assert grades(unit_data)["Retaker"] == "P"  # every criterion, but earned on a retake
    cohort_data = grid.cohort_grid(course.cohort)
    assert cohort_data.rows[0].grades == ["P", ""]


def test_a_grade_earned_before_the_retake_is_kept(course):
    RetakeRule.objects.create(programme=course.world.programme, allowed=True, max_band="P")
    lr = learner(course, "Keeper")
    first = hand_in(course, "Brief 2", lr)
    decide(course, hand_in(course, "Brief 1", lr), "1", P1=True, P2=True, M1=True)
    decide(course, first, "1", D1=False)
    services.authorise_retake(actor=course.world["lead_iv"], submission=first)
    decide(course, hand_in(course, "Brief 2", lr, attempt=Attempt.RETAKE), "1", D1=True)
    assert grades(grid.unit_grid(course.cohort, course.unit1))["Keeper"] == "M"
    assert grid.cohort_grid(course.cohort).rows[0].grades == ["M", ""]


def test_the_all_units_grid(course, assessed):
    decide(course, hand_in(course, "Brief 3", assessed["Achiever"]), "2",
           P1=True, M1=True, D1=False)
    decide(course, hand_in(course, "Brief 3", assessed["Nothing"]), "2",
           P1=False, M1=False, D1=False)
    data = grid.cohort_grid(course.cohort)
    assert [u.number for u in data.units] == ["1", "2"]
    assert data.units[0].totals == {"P": 2, "M": 1, "D": 1}
    rows = {r.learner.last_name: r for r in data.rows}
    assert "Leaver" not in rows
    assert rows["Achiever"].grades == ["D", "M"]
    assert rows["Achiever"].points == 16 + 15  # D at 60 hours, M at 90 hours
    assert rows["Achiever"].predicted == "U"    # 31 points: short of the 36 a Pass needs
    assert rows["Late"].grades == ["P", ""]
    assert rows["Corrected"].grades == ["U", ""]
    assert rows["Nothing"].grades == ["", "U"]  # assessed on unit 2, achieved nothing
    assert rows["Waiting"].grades == ["", ""]   # handed in, nothing assessed
    assert rows["Waiting"].points == 0
    # The all-units grid agrees with each unit's own grid.
    unit_grades = grades(grid.unit_grid(course.cohort, course.unit1))
    assert {n: r.grades[0] or "U" for n, r in rows.items()} == unit_grades


def test_the_predicted_grade_follows_the_schemes_thresholds(course, assessed):
    GradingScheme.objects.create(programme=course.world.programme,
                                 thresholds=[{"grade": "P", "min": 6},
                                             {"grade": "M", "min": 12},
                                             {"grade": "D", "min": 16}])
    rows = {r.learner.last_name: r for r in grid.cohort_grid(course.cohort).rows}
    assert (rows["Achiever"].points, rows["Achiever"].predicted) == (16, "D")
    assert (rows["Late"].points, rows["Late"].predicted) == (6, "P")


# --- The pages -------------------------------------------------------------------------------

def urls(course, csv_too=True):
    pk = course.cohort.pk
    names = [("assessment:grid-unit", {"cohort_id": pk, "unit_id": course.unit1.pk}),
             ("assessment:grid-cohort", {"cohort_id": pk})]
    if csv_too:
        names += [("assessment:grid-unit-csv", {"cohort_id": pk, "unit_id": course.unit1.pk}),
                  ("assessment:grid-cohort-csv", {"cohort_id": pk})]
    return [reverse(name, kwargs=kw) for name, kw in names]


@pytest.mark.parametrize("persona,status", [
    ("head", 200), ("slt", 200), ("nominee", 200), ("leader", 200), ("lead_iv", 200),
    ("iv", 200), ("assessor", 200),
    ("exams", 403),                                      # registration records, not assessment
    ("reviewer", 200),               # the external reviewer reads assessment tracking, read-only
    ("sv", 404), ("outsider", 404), ("learner", 404)])
def test_who_may_open_the_grids(client, course, persona, status):
    client.force_login(course.world[persona])
    assert [client.get(url).status_code for url in urls(course)] == [status] * 4


def test_anonymous_is_sent_to_log_in(client, course):
    assert {client.get(url).status_code for url in urls(course)} == {302}


def test_another_centres_staff_get_404_and_so_does_a_foreign_unit(client, course, world):
    client.force_login(world["outsider"])
    assert client.get(urls(course)[0]).status_code == 404
    other_unit = Unit.objects.create(programme=world.other_programme, number="9",
                                     title="Another centre's unit")
    client.force_login(world["leader"])
    url = reverse("assessment:grid-unit", kwargs={"cohort_id": course.cohort.pk,
                                                  "unit_id": other_unit.pk})
    assert client.get(url).status_code == 404


def test_the_unit_page(client, course, assessed):
    client.force_login(course.world["lead_iv"])
    page = client.get(urls(course)[0]).content.decode()
    assert '<th scope="col">P1</th><th scope="col">P2</th><th scope="col">M1</th>' in page
    assert 'class="table-scroll" role="region"' in page
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    achiever = next(line for line in body.splitlines() if "Achiever" in line)
    assert achiever.startswith('<tr><th scope="row"><a href="/registrations/learners/')
    assert achiever.count("✓") == 4 and "4/4" in achiever
    resubmitter = next(line for line in body.splitlines() if "Resubmitter" in line)
    assert resubmitter.count(">R<") == 2
    for symbol, words in (("✓", "Achieved"), ("✗", "Not yet achieved"), ("R", "Resubmission"),
                          ("L", "late"), ("·", "Not assessed yet")):
        assert symbol in page and words in page  # the key explains every symbol
    assert "Learners achieving" in page
    assert "Leaver" not in page


def test_names_are_escaped(client, course):
    learner(course, "<b>Bold</b>")
    client.force_login(course.world["leader"])
    for url in urls(course, csv_too=False):
        page = client.get(url).content.decode()
        assert "&lt;b&gt;Bold&lt;/b&gt;" in page and "<b>Bold" not in page


def test_a_learner_sees_only_their_own_row(client, course, assessed, world):
    me = world["learner"].learner
    me.cohort, me.status, me.last_name = course.cohort, LearnerStatus.REGISTERED, "Myself"
    me.save(update_fields=["cohort", "status", "last_name"])
    decide(course, hand_in(course, "Brief 1", me), "1", P1=True, P2=False, M1=False)
    client.force_login(world["learner"])
    unit_page, cohort_page, unit_csv, cohort_csv = (client.get(url) for url in urls(course))
    for response in (unit_page, cohort_page, unit_csv, cohort_csv):
        assert response.status_code == 200
        text = response.content.decode()
        assert "Myself" in text
        assert not any(f"{name}, Sam" in text or f"{name},Sam" in text for name in assessed)
    assert "Learners achieving" not in unit_page.content.decode()  # no cohort figures
    assert "/registrations/learners/" not in unit_page.content.decode()
    rows = list(csv.reader(io.StringIO(unit_csv.content.decode())))
    assert len(rows) == 2 and rows[1][3:] == ["Achieved", "Not yet achieved (assessed)",
                                              "Not yet achieved (assessed)", "", "1", "U"]


def test_a_learner_of_another_cohort_gets_404(client, course, world):
    me = world["learner"].learner  # on world.programme, in no cohort
    assert me.cohort_id is None
    client.force_login(world["learner"])
    assert {client.get(url).status_code for url in urls(course)} == {404}


def test_csv_exports(client, course, assessed):
    client.force_login(course.world["assessor"])
    response = client.get(urls(course)[2])
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="grid-cohort-unit-1.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Last name", "First name", "Reference", "P1", "P2", "M1", "D1",
                       "Criteria achieved", "Unit grade"]
    late = next(r for r in rows if r[0] == "Late")
    assert late[3:] == ["Achieved", "Achieved", "Not yet achieved (assessed)",
                        "Handed in late, not achieved", "2", "P"]
    response = client.get(urls(course)[3])
    assert response["Content-Disposition"] == 'attachment; filename="grid-cohort-all-units.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Last name", "First name", "Reference", "Unit 1", "Unit 2", "Points",
                       "Predicted grade"]
    assert next(r for r in rows if r[0] == "Achiever")[3:] == ["D", "", "16", "U"]


def test_csv_cells_cannot_become_formulas(client, course):
    learner(course, "=HYPERLINK(1)")
    client.force_login(course.world["leader"])
    text = client.get(urls(course)[3]).content.decode()
    assert "'=HYPERLINK(1)" in text
