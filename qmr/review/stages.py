"""Each stage of a cycle as the page shows it: its window, its owner and what is done,
computed from the records (the review's own, and for Lead IVs and standards verification the
evidence providers `verification` registers) rather than ticked by hand."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from qmr import evidence
from qmr.evidence import Status
from qmr.review.models import CycleStage, EngagementDocument, ReviewAction, ReviewCycle, StageKey
from qmr.review.models import month_day as on
from qmr.roles import Role

# Stages whose progress an evidence provider computes (named in qmr.evidence.EXPECTED, so a
# missing provider already stops start-up).
FROM_EVIDENCE = {StageKey.LEAD_IVS: "verification.lead_ivs",
                 StageKey.STANDARDS_VERIFICATION: "verification.sv_outcomes"}


@dataclass
class StageProgress:
    stage: CycleStage
    done: bool
    text: str
    opens: date | None = None
    closes: date | None = None

    @property
    def owner(self) -> str:
        return Role(self.stage.owner_role).label

    @property
    def overdue(self) -> bool:
        return not self.done and self.closes is not None and self.closes < timezone.localdate()


def _submitted(cycle: ReviewCycle, documents: list[EngagementDocument]) -> tuple[bool, str]:
    latest = next((d for d in documents if d.is_locked), None)
    draft = next((d for d in documents if not d.is_locked), None)
    if latest is not None:
        text = f"Version {latest.number} submitted on {latest.submitted_at:%d %B %Y}"
        return True, text + (f"; version {draft.number} is being prepared." if draft else ".")
    if draft is not None:
        signed = "signed by the Head of Centre" if draft.signed_at else "not yet signed"
        return False, f"In draft (version {draft.number}), {signed}."
    return False, "Not started."


def progress(cycle: ReviewCycle) -> list[StageProgress]:
    """Every stage of the cycle with what the records show. A constant number of queries."""
    definition = cycle.definition
    year = cycle.academic_year.starts_on.year
    visit = getattr(cycle, "visit", None)
    documents = list(cycle.documents.order_by("-number"))
    essentials = list(cycle.actions.filter(kind=ReviewAction.Kind.ESSENTIAL))
    update = cycle.progress_updates.first()
    today = timezone.localdate()
    rows = []
    for stage in definition.stages.all():
        opens, closes = on(stage.opens, year), on(stage.closes, year)
        done, text = False, ""
        if stage.key == StageKey.ALLOCATION:
            done = visit is not None
            text = (f"{visit.reviewer.person}, with access until "
                    f"{visit.reviewer.last_day:%d %B %Y}." if done else "No reviewer recorded.")
        elif stage.key in (StageKey.ENGAGEMENT_DOCUMENT, StageKey.DECLARATION):
            done, text = _submitted(cycle, documents)
            if stage.key == StageKey.ENGAGEMENT_DOCUMENT and visit and visit.held_on:
                closes = visit.held_on
        elif stage.key in (StageKey.VISIT, StageKey.CHECK_IN):
            if visit is None or visit.held_on is None:
                text = "No date agreed yet."
            else:
                done = visit.held_on <= today
                text = (f"{visit.get_mode_display()} {'held' if done else 'agreed for'} "
                        f"{visit.held_on:%d %B %Y}.")
        elif stage.key == StageKey.REPORT:
            if visit is None or visit.report_due_on is None:
                text = "Due ten working days after the visit."
            else:
                closes = visit.report_due_on
                done = visit.report_submitted
                text = (f"Submitted on {visit.report_submitted_at:%d %B %Y}"
                        + (" (on time)." if visit.report_submitted_at.date() <= closes
                           else " (late).") if done else f"Due by {closes:%d %B %Y}.")
        elif stage.key == StageKey.ACTIONS:
            open_count = sum(a.is_open for a in essentials)
            done = bool(visit and visit.report_submitted) and open_count == 0
            closes = max((a.due_on for a in essentials if a.due_on), default=None)
            text = (f"{len(essentials) - open_count} of {len(essentials)} Essential Actions "
                    "closed." if essentials else "No Essential Actions set." if done
                    else "Set by the reviewer's report.")
        elif stage.key == StageKey.PROGRESS_UPDATE:
            done = update is not None
            if visit and visit.report_submitted:
                closes = add_months(visit.report_submitted_at.date(), definition.action_months)
            text = (f"Sent on {update.sent_at:%d %B %Y}." if done
                    else f"Due by {closes:%d %B %Y}." if closes else "Due after the report.")
        elif stage.key in FROM_EVIDENCE:
            found = evidence.compute(FROM_EVIDENCE[stage.key], cycle.centre)
            done, text = found.status == Status.IN_PLACE, found.summary
        rows.append(StageProgress(stage, done, text, opens, closes))
    return rows


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    return day + relativedelta(months=months)
