"""Registrations' part of the demo: three programmes with their teams, about 90 learners,
a learner who logs in, a standards verifier, and the unrelated centre's programme."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from qmr.demo import DemoContext, ensure_appointment, register
from qmr.models import User
from qmr.roles import Role
from registrations import services
from registrations.demo_specs import UNITS
from registrations.models import Cohort, Criterion, Learner, LearnerStatus, Programme, Unit

FIRST = ["Amelia", "Noah", "Isla", "Leo", "Ava", "Oscar", "Freya", "Arjun", "Zara", "Finley",
         "Maya", "Reuben", "Esme", "Kai", "Niamh", "Theo", "Hana", "Callum", "Ruby", "Idris",
         "Lola", "Mason", "Ines", "Jude", "Priti", "Ezra", "Nell", "Tariq", "Cerys", "Alfie"]
LAST = ["Ashworth", "Okoro", "Brennan", "Kowalski", "Haddad", "Lindley", "Mbeki", "Rowntree",
        "Sandhu", "Trevelyan", "Vasquez", "Whitlock", "Yilmaz", "Dunmore", "Castellano"]

PROGRAMMES = [
    # key, code, title, level, subject area, team (role, name, e-mail, login label)
    ("sport", "BSP3X1", "BTEC Level 3 National Extended Certificate in Sport", "3", "8.1", [
        (Role.PROGRAMME_LEADER, "Jordan Ellis", "sport.lead@brookfield.example",
         "Programme Leader (Sport) — also an Assessor"),
        (Role.ASSESSOR, "Jordan Ellis", "sport.lead@brookfield.example", ""),
        (Role.ASSESSOR, "Rachel Ng", "r.ng@brookfield.example", "Assessor (Sport)"),
        (Role.INTERNAL_VERIFIER, "Samir Patel", "s.patel@brookfield.example",
         "Internal Verifier (Sport)"),
    ]),
    ("hsc", "BHS2T1", "BTEC Level 2 Tech Award in Health and Social Care", "2", "1.3", [
        (Role.PROGRAMME_LEADER, "Aisha Bello", "hsc.lead@brookfield.example",
         "Programme Leader (Health and Social Care)"),
        (Role.ASSESSOR, "Gemma Lowther", "g.lowther@brookfield.example", ""),
        (Role.INTERNAL_VERIFIER, "Colin Marsh", "c.marsh@brookfield.example", ""),
    ]),
    ("it", "BIT3D1", "BTEC Level 3 National Extended Diploma in Information Technology", "3",
     "6.1", [
        (Role.PROGRAMME_LEADER, "Marcus Chen", "it.lead@brookfield.example",
         "Programme Leader (IT)"),
        (Role.ASSESSOR, "Yusuf Karim", "y.karim@brookfield.example", ""),
        (Role.INTERNAL_VERIFIER, "Beth Randall", "b.randall@brookfield.example", ""),
    ]),
]

COHORT_NAMES = {"BSP3X1": "Sport L3 Year 12", "BHS2T1": "Health and Social Care L2 Year 10",
                "BIT3D1": "IT L3 Year 12", "NSP3X1": "Sport L3 Year 12"}

LEAD_IVS = [("8.1", "Helen Carter", "lead.iv@brookfield.example", "Lead Internal Verifier (Sport)"),
            ("1.3", "Nadia Shah", "n.shah@brookfield.example", ""),
            ("6.1", "Peter Oduya", "p.oduya@brookfield.example", "")]


def ensure_units(programme: Programme) -> None:
    for number, title, hours, mandatory, external, criteria in UNITS.get(programme.code, []):
        unit, _ = Unit.objects.get_or_create(
            programme=programme, number=number,
            defaults={"title": title, "guided_learning_hours": hours, "mandatory": mandatory,
                      "externally_assessed": external})
        existing = set(unit.criteria.values_list("code", flat=True))
        Criterion.objects.bulk_create([
            Criterion(unit=unit, code=code, band=code[0], learning_aim=aim, text=text)
            for code, aim, text in criteria if code not in existing])


def ensure_cohort(ctx: DemoContext, programme: Programme, year_name: str) -> Cohort:
    year = programme.centre.academic_years.get(name=year_name)
    cohort = programme.cohorts.filter(academic_year=year).first()
    if cohort is None:
        cohort = Cohort.objects.create(
            programme=programme, academic_year=year,
            name=f"{COHORT_NAMES.get(programme.code, programme.code)} {year.name}",
            starts_on=year.starts_on.replace(month=9, day=2),
            expected_end_on=year.ends_on.replace(year=year.ends_on.year + 1, day=15))
    return cohort


def ensure_learners(cohort: Cohort, prefix: str, count: int, sites: list, seed: int) -> None:
    """Enrol `count` invented learners, identity checked by the Exams Officer at enrolment."""
    centre, programme = cohort.programme.centre, cohort.programme
    checker = User.objects.filter(appointments__centre=centre,
                                  appointments__role=Role.EXAMS_OFFICER).first()
    rng = random.Random(seed)
    existing = set(Learner.objects.filter(centre=centre).values_list("centre_ref", flat=True))
    new = []
    for i in range(count):
        ref = f"{prefix}{i + 1:04d}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        born = date(2008, 9, 1) + timedelta(days=rng.randrange(0, 700))
        if ref not in existing:
            new.append(Learner(
                centre=centre, programme=programme, cohort=cohort, centre_ref=ref,
                first_name=first, last_name=last, date_of_birth=born,
                enrolled_on=cohort.starts_on, identity_document="passport",
                identity_checked_by=checker,
                identity_checked_at=timezone.make_aware(
                    datetime.combine(cohort.starts_on, time(10))) if checker else None,
                site=sites[i % len(sites)] if sites else None))
    Learner.objects.bulk_create(new)


@register(order=20)
def load_programmes(ctx: DemoContext) -> None:
    main, other = ctx.centres["main"], ctx.centres["other"]
    sites = list(main.sites.order_by("name"))
    for n, (key, code, title, level, sa, team) in enumerate(PROGRAMMES):
        programme, _ = Programme.objects.get_or_create(
            centre=main, code=code,
            defaults={"title": title, "level": level, "subject_area": ctx.subject_areas[sa]},
        )
        for role, name, email, login in team:
            ensure_appointment(ctx, centre=main, email=email, name=name, role=role,
                               scope=programme, login=login)
        ensure_units(programme)
        cohort = ensure_cohort(ctx, programme, ctx.year_name)
        ensure_learners(cohort, key.upper()[:2], 30, sites, seed=n)
    for sa, name, email, login in LEAD_IVS:
        ensure_appointment(ctx, centre=main, email=email, name=name, role=Role.LEAD_IV,
                           scope=ctx.subject_areas[sa], login=login)
    it = Programme.objects.get(centre=main, code="BIT3D1")
    ensure_appointment(ctx, centre=main, email="sv@awarding.example", name="Gareth Hughes",
                       role=Role.STANDARDS_VERIFIER, scope=it,
                       last_day=ctx.today + timedelta(days=90),
                       login="Standards Verifier (external, time-boxed)")
    learner = Learner.objects.get(centre=main, centre_ref="SP0001")
    ensure_appointment(ctx, centre=main, email="learner@brookfield.example",
                       name=f"{learner.first_name} {learner.last_name}", role=Role.LEARNER,
                       login="Learner (Sport)")
    if learner.user_id is None:
        from qmr.models import User

        learner.user = User.objects.get(email="learner@brookfield.example")
        learner.save(update_fields=["user"])

    other_prog, _ = Programme.objects.get_or_create(
        centre=other, code="NSP3X1",
        defaults={"title": "BTEC Level 3 National Diploma in Sport", "level": "3",
                  "subject_area": ctx.subject_areas["other-8.1"]},
    )
    ensure_appointment(ctx, centre=other, email="sport.lead@northgate.example",
                       name="Lewis Garnett", role=Role.PROGRAMME_LEADER, scope=other_prog)
    ensure_learners(ensure_cohort(ctx, other_prog, ctx.year_name), "NG", 12,
                    list(other.sites.all()), seed=99)
    progress_registrations(ctx, main)


def progress_registrations(ctx: DemoContext, main) -> None:
    """Sport: class list signed, all but three registered. IT: all registered and the
    awarding body's list confirmed. Health and Social Care: waiting for its class list."""
    exams = User.objects.get(email="exams@brookfield.example")
    for code, leader, leave_out in (("BSP3X1", "sport.lead@brookfield.example", 3),
                                    ("BIT3D1", "it.lead@brookfield.example", 0)):
        cohort = Cohort.objects.get(programme__centre=main, programme__code=code)
        if cohort.class_lists.exists():
            continue
        services.sign_class_list(actor=User.objects.get(email=leader), cohort=cohort)
        learners = list(cohort.learners.filter(status=LearnerStatus.ENROLLED)
                        .order_by("centre_ref"))
        numbers = {lr.pk: f"{code[1:3]}{cohort.pk:02d}{i:05d}"
                   for i, lr in enumerate(learners[:len(learners) - leave_out])}
        services.register_learners(actor=exams, cohort=cohort, numbers=numbers,
                                   on=min(ctx.today, cohort.starts_on.replace(month=10, day=20)))
        if not leave_out:
            confirm_with_matching_export(cohort, User.objects.get(email=leader))


def confirm_with_matching_export(cohort: Cohort, leader: User) -> None:
    """The Programme Leader checks the awarding body's list (here, one that matches)."""
    rows = ["registration_number,first_name,last_name,date_of_birth,programme_code"]
    rows += [f"{lr.registration_number},{lr.first_name},{lr.last_name},"
             f"{lr.date_of_birth:%Y-%m-%d},{cohort.programme.code}"
             for lr in cohort.learners.filter(status=LearnerStatus.REGISTERED)]
    check = services.upload_registration_check(actor=leader, cohort=cohort,
                                               text="\n".join(rows), file_name="awarding.csv")
    services.confirm_registrations(actor=leader, check=check)
