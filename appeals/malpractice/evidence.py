"""QO.10.4 and QO.10.5 evidence from the malpractice records: every stage of a closed case
documented, and every case that had to be reported to the awarding body reported."""

from django.urls import reverse

from appeals.malpractice.models import MalpracticeCase
from qmr.evidence import Evidence, Record, Status, register


def _record(case: MalpracticeCase, text: str) -> Record:
    return Record(f"Case {case.pk} ({case.get_kind_display().lower()}, "
                  f"{case.get_category_display().lower()}): {text}",
                  reverse("appeals:case-detail", args=[case.pk]))


def _cases(centre) -> list[MalpracticeCase]:
    return list(MalpracticeCase.objects.filter(centre=centre).select_related(
        "learner", "staff_member").order_by("raised_at"))


MISSING_STAGES = (("told_of_allegation_on", "told of the allegation"),
                  ("response_on", "their response"), ("finding", "the finding"),
                  ("told_how_to_appeal_on", "told how to appeal"))


@register("malpractice.documented", "QO.10.4", "Malpractice investigations documented")
def documented(centre) -> Evidence:
    title = "Malpractice investigations documented"
    closed = [c for c in _cases(centre) if not c.is_open]
    if not closed:
        return Evidence("QO.10.4", title, Status.NOT_EVIDENCED,
                        "No malpractice case has been closed yet.")
    gaps = {c.pk: [label for attr, label in MISSING_STAGES if not getattr(c, attr)]
            for c in closed}
    incomplete = [c for c in closed if gaps[c.pk]]
    records = [_record(c, "closed without " + ", ".join(gaps[c.pk])) for c in incomplete]
    records += [_record(c, f"every stage recorded, closed {c.closed_on:%d %b %Y}")
                for c in closed if not gaps[c.pk]]
    return Evidence("QO.10.4", title, Status.WEAK if incomplete else Status.IN_PLACE,
                    f"{len(closed) - len(incomplete)} of {len(closed)} closed cases have every "
                    f"stage recorded.", records)


@register("malpractice.reported", "QO.10.5", "Malpractice reported to the awarding body")
def reported(centre) -> Evidence:
    title = "Malpractice reported to the awarding body"
    due = [c for c in _cases(centre) if c.must_be_reported]
    if not due:
        return Evidence("QO.10.5", title, Status.NOT_EVIDENCED,
                        "No case has needed reporting to the awarding body.")
    unreported = [c for c in due if not c.reported_to_awarding_body_on]
    records = [_record(c, "not yet reported") for c in unreported]
    records += [_record(c, f"reported {c.reported_to_awarding_body_on:%d %b %Y}")
                for c in due if c.reported_to_awarding_body_on]
    return Evidence("QO.10.5", title, Status.WEAK if unreported else Status.IN_PLACE,
                    f"{len(due) - len(unreported)} of {len(due)} cases that must be reported "
                    f"were reported.", records)
