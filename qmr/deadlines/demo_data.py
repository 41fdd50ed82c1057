"""Demo: after every other part has made its records, work out the demo centres' deadlines
and claim today's reminders, so the year plan, the deadline pages and the reminder list show
what a real centre would see. Running it again changes nothing (refresh converges; reminders
are claimed once)."""

from qmr.deadlines import reminders, services
from qmr.demo import DemoContext, register


@register(order=95)
def deadlines(ctx: DemoContext) -> None:
    for centre in ctx.centres.values():
        services.refresh(centre, ctx.today)
    reminders.sweep(ctx.today)
