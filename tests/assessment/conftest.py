"""An assignment of our programme, planned, verified and issued to a registered cohort."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile

from assessment import services
from assessment.services import Upload
from qmr import services as qmr_services
from registrations import services as reg_services
from registrations import specification
from tests.factories import LearnerFactory
from verification.briefs import verify_brief
from verification.models import BriefCheck


def brief_answers(no=()):
    """The brief's checklist answered Yes (No, with a reason, for the items in `no`); it is
    not an authorised brief, so it was not amended."""
    facts = {BriefCheck.Item.AUTHORISED: (False, ""), BriefCheck.Item.AMENDED: (False, "")}
    return {item: (item not in no, "Needs work." if item in no else "")
            for item in BriefCheck.Item} | facts


@pytest.fixture
def year(world):
    year = qmr_services.add_academic_year(actor=None, centre=world.centre, name="2026/27",
                                          starts_on=date(2026, 8, 1), ends_on=date(2027, 7, 31))
    for name, start, end in [("Autumn", date(2026, 9, 2), date(2026, 12, 18)),
                             ("Spring", date(2027, 1, 5), date(2027, 3, 26)),
                             ("Summer", date(2027, 4, 12), date(2027, 7, 21))]:
        qmr_services.add_term(actor=None, year=year, name=name, starts_on=start, ends_on=end)
    return year


@pytest.fixture
def cohort(world, year):
    cohort = reg_services.create_cohort(actor=world["exams"], programme=world.programme,
                                        academic_year=year, name="Year 12",
                                        starts_on=date(2026, 9, 2),
                                        expected_end_on=date(2028, 7, 15))
    for i in range(3):
        LearnerFactory(programme=world.programme, cohort=cohort, centre_ref=f"A{i:03d}",
                       enrolled_on=date(2026, 9, 2))
    learner = world["learner"].learner
    learner.cohort = cohort
    learner.save(update_fields=["cohort"])
    reg_services.sign_class_list(actor=world["leader"], cohort=cohort)
    reg_services.register_learners(
        actor=world["exams"], cohort=cohort, on=date(2026, 10, 1),
        numbers={lr.pk: f"RN{i:05d}" for i, lr in enumerate(cohort.learners.all())})
    return cohort


@pytest.fixture
def unit(world):
    unit = specification.add_unit(actor=world["leader"], programme=world.programme, number="3",
                                  title="Professional Development", guided_learning_hours=60,
                                  mandatory=True, externally_assessed=False)
    specification.import_criteria(actor=world["leader"], unit=unit, text=(
        "code,learning_aim,text\nP1,A,Describe.\nP2,A,Explain.\nM1,A,Analyse.\nD1,A,Evaluate."))
    return unit


@pytest.fixture
def plan(world, year):
    return services.start_plan(actor=world["leader"], programme=world.programme,
                               academic_year=year)


@pytest.fixture
def assignment(world, plan, unit):
    return services.add_assignment(
        actor=world["leader"], plan=plan, title="Careers in sport",
        criteria=list(unit.criteria.filter(code__in=["P1", "P2", "M1"])),
        hand_out_on=date(2026, 10, 5), deadline=date(2026, 11, 6),
        assessor=world["assessor"], internal_verifier=world["iv"],
        verify_brief_by=date(2026, 10, 1), tasks="1. Do the work.")


@pytest.fixture
def issued(world, plan, assignment, cohort):
    services.sign_off_plan(actor=world["lead_iv"], plan=plan)
    verify_brief(actor=world["iv"], assignment=assignment, outcome="fit",
                 answers=brief_answers())
    return services.issue_brief(actor=world["assessor"], assignment=assignment, cohort=cohort)


def upload(name="work.pdf"):
    return [Upload(name, ContentFile(b"%PDF-1.4 evidence", name=name), 17)]


def hand_in(world, assignment, learner=None, **kw):
    """The assessor records work handed in on paper, by default on time (2 November)."""
    learner = learner or world["learner"].learner
    kw.setdefault("handed_in_on", min(date(2026, 11, 2), assignment.deadline))
    return services.submit_evidence(actor=world["assessor"], assignment=assignment,
                                    learner=learner, files=upload(), declaration=True, **kw)


def all_results(assignment, achieved=("P1",)):
    return {c.pk: (c.code in achieved, f"{c.code} feedback")
            for c in assignment.criteria.all()}


def a_day(d: date, n: int) -> date:
    return d + timedelta(days=n)
