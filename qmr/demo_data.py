"""The core's part of the demo: two centres, a consortium partner, sites, years and terms,
subject areas, centre-wide staff and an external reviewer. All names are invented."""

from datetime import date, timedelta

from qmr import services
from qmr.demo import DemoContext, ensure_appointment, register
from qmr.models import AcademicYear, ArrangementPartner, Centre, CollaborativeArrangement
from qmr.roles import Role

# (name, first day, last day) of each term, by the year the academic year starts.
TERMS = [
    ("Autumn 1", (9, 2), (10, 23)), ("Autumn 2", (11, 2), (12, 18)),
    ("Spring 1", (1, 5), (2, 12)), ("Spring 2", (2, 22), (3, 26)),
    ("Summer 1", (4, 12), (5, 28)), ("Summer 2", (6, 7), (7, 21)),
]


def _weekday(day: date, step: int) -> date:
    """Move a weekend day to the nearest weekday in the direction `step` (+1 or -1)."""
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


def academic_year_start(today: date) -> int:
    return today.year if today.month >= 8 else today.year - 1


def ensure_year(centre: Centre, start_year: int) -> AcademicYear:
    name = f"{start_year}/{str(start_year + 1)[-2:]}"
    year = centre.academic_years.filter(name=name).first()
    if year is None:
        year = services.add_academic_year(actor=None, centre=centre, name=name,
                                          starts_on=date(start_year, 8, 1),
                                          ends_on=date(start_year + 1, 7, 31))
    for term, (sm, sd), (em, ed) in TERMS:
        y1 = start_year if sm >= 8 else start_year + 1
        y2 = start_year if em >= 8 else start_year + 1
        if not year.terms.filter(name=term).exists():
            services.add_term(actor=None, year=year, name=term,
                              starts_on=_weekday(date(y1, sm, sd), 1),
                              ends_on=_weekday(date(y2, em, ed), -1))
    return year


def ensure_centre(number: str, name: str, sites: list[str]) -> Centre:
    centre, _ = Centre.objects.get_or_create(number=number, defaults={"name": name})
    for site in sites:
        if not centre.sites.filter(name=site).exists():
            services.add_site(actor=None, centre=centre, name=site)
    return centre


@register(order=10)
def load_core(ctx: DemoContext) -> None:
    start = academic_year_start(ctx.today)
    ctx.year_name = f"{start}/{str(start + 1)[-2:]}"
    main = ensure_centre("48213", "Brookfield Community College",
                         ["Brookfield main campus", "Riverside campus"])
    partner = ensure_centre("48377", "Hillside Academy", ["Hillside Academy"])
    other = ensure_centre("51920", "Northgate Sixth Form", ["Northgate"])
    ctx.centres.update(main=main, partner=partner, other=other)
    ctx.sites.update({s.name: s for s in main.sites.all()})
    for centre in (main, partner, other):
        ensure_year(centre, start - 1)
        ensure_year(centre, start)
    for code, name in [("8.1", "Sport, leisure and recreation"),
                       ("1.3", "Health and social care"),
                       ("6.1", "ICT practitioners")]:
        ctx.subject_areas[code], _ = main.subject_areas.get_or_create(code=code,
                                                                      defaults={"name": name})
    other_sa, _ = other.subject_areas.get_or_create(code="8.1", defaults={
        "name": "Sport, leisure and recreation"})
    ctx.subject_areas["other-8.1"] = other_sa

    arrangement, _ = CollaborativeArrangement.objects.get_or_create(
        name="Brookfield–Hillside Sport consortium",
        defaults={"lead_centre": main, "qualification_codes": ["BSP3X1"],
                  "lead_may_view_partner_records": True, "starts_on": date(start - 1, 9, 1)},
    )
    ArrangementPartner.objects.get_or_create(arrangement=arrangement, centre=partner,
                                             defaults={"sub_site_code": "48213-H"})

    staff = [
        (Role.HEAD_OF_CENTRE, "Margaret Adeyemi", "head@brookfield.example", "Principal"),
        (Role.SENIOR_MANAGER, "Daniel Forsythe", "slt@brookfield.example",
         "Vice Principal, Curriculum"),
        (Role.QUALITY_NOMINEE, "Priya Raman", "quality@brookfield.example",
         "Head of Quality"),
        (Role.EXAMS_OFFICER, "Tom Whitaker", "exams@brookfield.example", "Exams Officer"),
    ]
    for role, name, email, title in staff:
        ensure_appointment(ctx, centre=main, email=email, name=name, role=role, title=title,
                           login=Role(role).label)
    ensure_appointment(ctx, centre=main, email="reviewer@awarding.example",
                       name="Elaine Moss", role=Role.QUALITY_REVIEWER,
                       last_day=date(start + 1, 7, 31), title="Centre Quality Reviewer",
                       login="Centre Quality Reviewer (external, time-boxed)")
    ensure_appointment(ctx, centre=partner, email="quality@hillside.example",
                       name="Owen Pritchard", role=Role.QUALITY_NOMINEE,
                       title="Quality Nominee", login="Quality Nominee of the partner centre")
    ensure_appointment(ctx, centre=other, email="quality@northgate.example",
                       name="Fiona Blackwood", role=Role.QUALITY_NOMINEE,
                       title="Quality Nominee", login="Quality Nominee of an unrelated centre")
