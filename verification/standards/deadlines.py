"""Standards verification deadlines, for the deadline engine (`qmr.deadlines`): the sample
the centre must provide within the sampling window the awarding body set."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse
from django.utils.formats import date_format

from qmr.deadlines import registry
from qmr.deadlines.registry import Due
from verification.deadlines import lead_ivs
from verification.standards.models import StandardsVerification
from verification.standards.state import state_of


@registry.register("verification.standards_window")
def standards_window(centre, today: date) -> Iterator[Due]:
    """A sample asked for and not yet provided, or (for a year under way) no sample yet, by
    the day the window closes. Owner: the programme's Lead IV, or its subject area's; the
    Quality Nominee where there is none (three queries)."""
    svs = list(StandardsVerification.objects.filter(programme__centre=centre).select_related(
        "programme", "academic_year").prefetch_related("rounds"))
    by_programme, by_area = lead_ivs(centre.pk, today) if svs else ({}, {})
    for sv in svs:
        state = state_of(sv.rounds.all())
        sample = state.open_round
        if sample is not None and sample.provided_on is None:
            number, what = sample.number, f"sample {sample.number}"
        elif not state.rounds and sv.academic_year.ends_on >= today:
            number, what = 1, "the sample"
        else:
            continue
        programme = sv.programme
        yield Due(f"verification.standards_window:{sv.pk}:{number}",
                  f"Provide {what} for the standards verification of {programme} "
                  f"({sv.academic_year}) by {date_format(sv.window_closes, 'j F Y')}",
                  sv.window_closes,
                  by_programme.get(programme.pk) or by_area.get(programme.subject_area_id),
                  reverse("verification:sv-programme", args=[programme.pk]),
                  "The last day of the sampling window the awarding body set "
                  f"({date_format(sv.window_opens, 'j F Y')} to "
                  f"{date_format(sv.window_closes, 'j F Y')}).")
