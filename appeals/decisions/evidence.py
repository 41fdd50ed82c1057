"""QO.10.4 evidence from the appeals records: each stage decided within its limit, and the
learner told every outcome."""

from django.urls import reverse
from django.utils import timezone

from appeals.decisions.models import AppealStage, AppealStatus, LogReview
from qmr.evidence import Evidence, Record, Status, register
from qmr.selectors import current_year


def _stages(centre) -> list[AppealStage]:
    year = current_year(centre)
    qs = AppealStage.objects.filter(appeal__centre=centre).select_related(
        "appeal__learner", "appeal__decision__submission__assignment").order_by("opened_on")
    if year:
        qs = qs.filter(opened_on__gte=year.starts_on, opened_on__lte=year.ends_on)
    return list(qs)


def _record(stage: AppealStage, text: str) -> Record:
    return Record(f"{stage.appeal.learner}, {stage.appeal.decision.submission.assignment}: "
                  f"stage {stage.number} {text}",
                  reverse("appeals:appeal-detail", args=[stage.appeal_id]),
                  learner_id=stage.appeal.learner_id)


@register("appeals.stage_limits", "QO.10.4", "Appeals decided within each stage's limit")
def stage_limits(centre) -> Evidence:
    title = "Appeals decided within each stage's limit"
    stages = _stages(centre)
    if not stages:
        return Evidence("QO.10.4", title, Status.NOT_EVIDENCED,
                        "No appeal has been lodged this year.")
    today = timezone.localdate()
    late = [s for s in stages if s.decided_on and s.decided_on > s.due_on]
    overdue = [s for s in stages if not s.outcome and s.appeal.status == AppealStatus.OPEN
               and today > s.due_on]
    on_time = [s for s in stages if s.decided_on and s.decided_on <= s.due_on]
    status = Status.IN_PLACE if not late and not overdue else Status.WEAK
    records = ([_record(s, f"overdue since {s.due_on:%d %b %Y}") for s in overdue]
               + [_record(s, f"decided late ({s.decided_on:%d %b %Y}, due "
                             f"{s.due_on:%d %b %Y})") for s in late]
               + [_record(s, f"decided on time ({s.decided_on:%d %b %Y})") for s in on_time])
    return Evidence("QO.10.4", title, status,
                    f"{len(on_time)} stages decided on time, {len(late)} late, "
                    f"{len(overdue)} overdue now.", records)


@register("appeals.learners_told", "QO.10.4", "Learners told each appeal outcome")
def learners_told(centre) -> Evidence:
    title = "Learners told each appeal outcome"
    decided = [s for s in _stages(centre) if s.outcome]
    if not decided:
        return Evidence("QO.10.4", title, Status.NOT_EVIDENCED,
                        "No appeal stage has been decided this year.")
    untold = [s for s in decided if not s.learner_told_at]
    records = [_record(s, "outcome not sent to the learner (no e-mail address)")
               for s in untold]
    records += [_record(s, f"learner told {timezone.localtime(s.learner_told_at):%d %b %Y}")
                for s in decided if s.learner_told_at]
    return Evidence("QO.10.4", title, Status.WEAK if untold else Status.IN_PLACE,
                    f"{len(decided) - len(untold)} of {len(decided)} outcomes sent to the "
                    f"learner.", records)


@register("appeals.patterns_reviewed", "QO.10.4", "The appeals log reviewed for patterns")
def patterns_reviewed(centre) -> Evidence:
    title = "The appeals log reviewed for patterns"
    year = current_year(centre)
    reviews = list(LogReview.objects.filter(centre=centre, academic_year=year).select_related(
        "reviewed_by")) if year else []
    url = reverse("appeals:log")
    if reviews:
        return Evidence("QO.10.4", title, Status.IN_PLACE,
                        f"Reviewed {len(reviews)} time(s) in {year}.",
                        [Record(f"{r.reviewed_on:%d %b %Y}, {r.reviewed_by}: {r.findings}", url)
                         for r in reviews])
    if not _stages(centre):
        return Evidence("QO.10.4", title, Status.NOT_EVIDENCED,
                        "No appeal this year, and no review of the log recorded.")
    return Evidence("QO.10.4", title, Status.WEAK,
                    f"Appeals were lodged in {year or 'this year'} but nobody has recorded a "
                    f"review of the log.", [Record("The appeals log", url)])
