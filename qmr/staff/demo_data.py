"""The demo's staff records: CPD or standardisation this year for every member of staff at
Brookfield but one (Beth Randall, so the QO.1.3 evidence names her), and job descriptions,
qualifications and inductions for some. Through the real services; idempotent."""

from datetime import date, timedelta
from decimal import Decimal

from qmr.demo import DemoContext, register
from qmr.meetings.selectors import staff_of
from qmr.models import User
from qmr.selectors import current_year
from qmr.staff import services
from qmr.staff.models import INDUCTION_ITEMS, Induction, JobDescription, Qualification, Training

LEFT_OUT = "b.randall@brookfield.example"
TRAINING = [("cpd", "Awarding body update on the new specification", "3"),
            ("standardisation", "Standardisation of Unit 1 assessment decisions", "2"),
            ("cpd", "Using the tracking grid to spot learners at risk", "1.5")]
JOBS = {
    "quality@brookfield.example": "Leads the centre's quality assurance of BTEC programmes: "
    "keeps the policy library current, monitors registration and certification, and is the "
    "awarding body's main contact.",
    "sport.lead@brookfield.example": "Leads the Sport programme: plans delivery and "
    "assessment, signs class lists, keeps the programme file and chairs the team meetings.",
    "lead.iv@brookfield.example": "Leads internal verification in Sport: signs off the "
    "assessment and IV plans, leads standardisation and completes student reports.",
}
QUALIFICATIONS = [
    ("lead.iv@brookfield.example", "verifier",
     "Level 4 Award in the Internal Quality Assurance of Assessment", date(2017, 6, 30)),
    ("lead.iv@brookfield.example", "subject", "BSc (Hons) Sport Science", date(2009, 7, 10)),
    ("r.ng@brookfield.example", "assessor",
     "Level 3 Certificate in Assessing Vocational Achievement", date(2021, 3, 19)),
    ("s.patel@brookfield.example", "verifier",
     "Level 4 Award in the Internal Quality Assurance of Assessment", date(2022, 5, 6)),
    ("sport.lead@brookfield.example", "teaching", "PGCE (Post-compulsory education)",
     date(2015, 7, 1)),
]
INDUCTED = ["r.ng@brookfield.example", "s.patel@brookfield.example",
            "y.karim@brookfield.example"]


@register(order=52)
def load_staff_records(ctx: DemoContext) -> None:
    centre = ctx.centres["main"]
    nominee = User.objects.get(email="quality@brookfield.example")
    year = current_year(centre, ctx.today)
    if year is None:
        return
    for i, person in enumerate(staff_of(centre)):
        if person.email == LEFT_OUT or Training.objects.filter(
                centre=centre, person=person, academic_year=year).exists():
            continue
        kind, title, hours = TRAINING[i % len(TRAINING)]
        held_on = min(ctx.today, year.starts_on + timedelta(days=35 + 3 * i))
        services.add_training(actor=person, centre=centre, person=person, kind=kind,
                              title=title, held_on=held_on, hours=Decimal(hours))
    for email, text in JOBS.items():
        person = User.objects.get(email=email)
        if not JobDescription.objects.filter(centre=centre, person=person).exists():
            services.save_job_description(actor=nominee, centre=centre, person=person,
                                          text=text)
    for email, kind, title, awarded_on in QUALIFICATIONS:
        person = User.objects.get(email=email)
        if not Qualification.objects.filter(centre=centre, person=person,
                                            title=title).exists():
            services.add_qualification(actor=nominee, centre=centre, person=person, kind=kind,
                                       title=title, awarded_on=awarded_on)
    for n, email in enumerate(INDUCTED):
        person = User.objects.get(email=email)
        if not Induction.objects.filter(centre=centre, person=person).exists():
            covered = list(INDUCTION_ITEMS) if n else list(INDUCTION_ITEMS)[:5]
            services.record_induction(actor=nominee, centre=centre, person=person,
                                      inducted_on=min(ctx.today, year.starts_on
                                                      + timedelta(days=30)),
                                      covered=covered, completed_by=nominee)
