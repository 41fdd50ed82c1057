"""Registrations' part of the demo: three programmes with their teams, about 90 learners,
a learner who logs in, a standards verifier, and the unrelated centre's programme."""

import random
from datetime import date, timedelta

from qmr.demo import DemoContext, ensure_appointment, register
from qmr.roles import Role
from registrations.models import Learner, Programme

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

LEAD_IVS = [("8.1", "Helen Carter", "lead.iv@brookfield.example", "Lead Internal Verifier (Sport)"),
            ("1.3", "Nadia Shah", "n.shah@brookfield.example", ""),
            ("6.1", "Peter Oduya", "p.oduya@brookfield.example", "")]


def ensure_learners(centre, programme: Programme, prefix: str, count: int, sites: list,
                    seed: int) -> None:
    rng = random.Random(seed)
    existing = set(Learner.objects.filter(centre=centre).values_list("centre_ref", flat=True))
    new = []
    for i in range(count):
        ref = f"{prefix}{i + 1:04d}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        born = date(2008, 9, 1) + timedelta(days=rng.randrange(0, 700))
        if ref not in existing:
            new.append(Learner(centre=centre, programme=programme, centre_ref=ref,
                               first_name=first, last_name=last, date_of_birth=born,
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
        ensure_learners(main, programme, key.upper()[:2], 30, sites, seed=n)
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
    ensure_learners(other, other_prog, "NG", 12, list(other.sites.all()), seed=99)
