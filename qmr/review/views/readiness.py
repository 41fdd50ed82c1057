"""Readiness all year: the heat map of the framework's measures at a centre, each cell with its
reasons and records, and a chart of the weekly snapshots. For the centre's side of the review
only (Quality Nominee, Head of Centre, senior managers); everyone else gets 404."""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from qmr import navigation
from qmr.evidence import Status
from qmr.framework.models import Objective
from qmr.review import access, readiness
from qmr.review.models import ReadinessSnapshot
from qmr.review.selectors import version_for_centre
from qmr.roles import LEAD_PROGRAMME_REVIEW, PREPARE_REVIEW, SIGN_DECLARATION


@login_required
def readiness_home(request: HttpRequest) -> HttpResponse:
    """The menu's link: the person's first centre's readiness page (404 if they have none)."""
    centre = access.first_centre(request.user, access.CENTRE_SIDE)
    if centre is None:
        raise Http404("You are not on the centre's side of a review anywhere.")
    return redirect("review:readiness", centre_id=centre.pk)


@login_required
def readiness_page(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = access.get_centre(request.user, centre_id, access.CENTRE_SIDE)
    grid = readiness.readiness_for(centre)
    if grid is None:
        raise Http404("No version of the framework applies to this centre yet.")
    readiness.ensure_weekly_snapshot(centre, grid)
    snapshots = readiness.snapshots_for_chart(centre, grid.version)
    today, total = timezone.localdate(), len(grid.measures)
    return render(request, "review/readiness.html", {
        "centre": centre, "grid": grid, "total": total, "today": today,
        "rows": heat_map_rows(grid), "columns": range(1, grid.widest + 1),
        "counts": status_counts(grid),
        "attention": readiness.needs_attention(centre, readiness=grid),
        "chart": chart(snapshots, total, today), "snapshots": snapshots})


@login_required
def readiness_measure(request: HttpRequest, centre_id: int, code: str) -> HttpResponse:
    centre = access.get_centre(request.user, centre_id, access.CENTRE_SIDE)
    version = version_for_centre(centre)
    cell = readiness.measure_readiness(centre, version, code) if version else None
    if cell is None:
        raise Http404("No such measure in the framework this centre is judged against.")
    # The checks that decided first, so the reason for the status is what is read first.
    ordered = sorted(cell.evidence, key=lambda e: readiness.ATTENTION_ORDER.index(e.status))
    parts = [{"evidence": e, "status": e.status, "symbol": readiness.SYMBOLS[e.status],
              "word": readiness.WORDS[e.status]} for e in ordered]
    return render(request, "review/readiness_measure.html", {
        "centre": centre, "version": version, "cell": cell, "parts": parts})


@dataclass
class Row:
    objective: Objective
    cells: list[readiness.MeasureReadiness]
    blanks: range


def heat_map_rows(grid: readiness.Readiness) -> list[Row]:
    """Objectives down, their measures across; an objective with fewer measures than the
    widest ends in blank cells, so every row has the same columns."""
    return [Row(o.objective, o.measures, range(grid.widest - len(o.measures)))
            for o in grid.objectives]


def status_counts(grid: readiness.Readiness) -> list[dict]:
    """Each status, worst first, with its symbol, word, full label and count."""
    return [{"status": str(s), "symbol": readiness.SYMBOLS[s], "word": readiness.WORDS[s],
             "label": Status(s).label, "count": n} for s, n in grid.counts.items()]


# The chart: drawn here as numbers for an inline SVG (no script, nothing to load).
WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 36, 44


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    points: list = field(default_factory=list)
    line: str = ""
    y_ticks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    desc: str = ""


def _step(total: int) -> int:
    """A round gridline step giving at most six lines up to `total`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500):
        if total / step <= 5:
            return step
    return max(1, total // 5)


def chart(snapshots: list[ReadinessSnapshot], total: int, today: date) -> Chart:
    """Measures in place per snapshot over the last 52 weeks: x by date, y from 0 to every
    measure of the framework."""
    start = today - readiness.CHART_SPAN
    span = (today - start).days
    c = Chart()
    plot_w, plot_h = c.right - c.left, c.bottom - c.top

    def x(day: date) -> float:
        return round(c.left + (day - start).days / span * plot_w, 1)

    def y(value: int) -> float:
        return round(c.bottom - value / max(total, 1) * plot_h, 1)

    c.y_ticks = [{"y": y(v), "label": v} for v in range(0, total + 1, _step(total))]
    if c.y_ticks[-1]["label"] != total:
        c.y_ticks.append({"y": y(total), "label": total})
    month = date(start.year, start.month, 1)
    while month <= today:
        if month >= start:
            first = not c.x_ticks
            c.x_ticks.append({"x": x(month), "month": f"{month:%b}",
                              "year": f"{month:%Y}" if first or month.month == 1 else ""})
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    c.points = [{"x": x(s.taken_on), "y": y(s.in_place),
                 "label": f"{s.taken_on:%-d %B %Y}: {s.in_place} of {total} in place"}
                for s in snapshots]
    c.line = " ".join(f"{p['x']},{p['y']}" for p in c.points)
    c.desc = _describe(snapshots, total)
    return c


def _describe(snapshots: list[ReadinessSnapshot], total: int) -> str:
    if not snapshots:
        return "No snapshot has been taken yet."
    first, last = snapshots[0], snapshots[-1]
    if len(snapshots) == 1:
        return (f"One snapshot so far, on {first.taken_on:%-d %B %Y}: {first.in_place} of "
                f"{total} measures in place.")
    return (f"{len(snapshots)} weekly snapshots from {first.taken_on:%-d %B %Y} to "
            f"{last.taken_on:%-d %B %Y}: {first.in_place} of {total} measures in place at "
            f"the first, {last.in_place} at the latest.")


navigation.register("Readiness", "review:readiness-home",
                    navigation.holding(PREPARE_REVIEW, SIGN_DECLARATION, LEAD_PROGRAMME_REVIEW))

urlpatterns = [
    path("readiness/", readiness_home, name="readiness-home"),
    path("centres/<int:centre_id>/readiness/", readiness_page, name="readiness"),
    path("centres/<int:centre_id>/readiness/<str:code>/", readiness_measure,
         name="readiness-measure"),
]
