"""What makes a Centre Engagement Document (or Annual Quality Declaration) complete: the rules
the submit step enforces and the page shows, in one place."""

from dataclasses import dataclass
from datetime import date, timedelta

from qmr.review.models import CycleKind, EngagementDocument, ReviewCycle, ReviewVisit, month_day


@dataclass(frozen=True)
class Section:
    key: str
    title: str


PROGRESS = Section("progress", "Progress on last year's Essential Actions and Recommendations")
CHANGES = Section("changes", "Changes to systems and procedures")
STATEMENTS = Section("statements", "Strengths and weaknesses per objective")
DECLARATION = Section("declaration", "Re-declaration of centre recognition and approvals")
TERMS = Section("declaration", "The terms accepted and the approvals declared")

SECTIONS = {
    CycleKind.REVIEW_VISIT: (PROGRESS, CHANGES, STATEMENTS, DECLARATION),
    CycleKind.ANNUAL_DECLARATION: (PROGRESS, CHANGES, TERMS),
}


def deadline(document: EngagementDocument) -> date | None:
    """When it is due (see `due_for`). One query at most (the visit)."""
    return due_for(document.cycle, ReviewVisit.objects.filter(cycle=document.cycle).first())


def due_for(cycle: ReviewCycle, visit: ReviewVisit | None) -> date | None:
    """The Annual Quality Declaration by the end of its window (14 October); the Centre
    Engagement Document before the visit, once its date is agreed."""
    definition = cycle.definition
    if definition.kind == CycleKind.ANNUAL_DECLARATION:
        return month_day(definition.declaration_to, cycle.academic_year.starts_on.year)
    return visit.held_on - timedelta(days=1) if visit and visit.held_on else None


def sections(document: EngagementDocument) -> tuple[Section, ...]:
    return SECTIONS[document.cycle.definition.kind]


def gaps(document: EngagementDocument) -> dict[str, list[str]]:
    """Per section key, what is still missing, in words; empty lists mean complete. Reads the
    document's prefetched progress, statements and approvals (no query of its own)."""
    found: dict[str, list[str]] = {s.key: [] for s in sections(document)}
    if "progress" in found:
        found["progress"] = [f"Say what was done about: {p.action.description[:60]}"
                             for p in document.progress.all() if not p.text.strip()]
    if "changes" in found and not document.changes.strip():
        found["changes"] = ["Describe the changes since the last review (or say there were "
                            "none)."]
    if "statements" in found:
        found["statements"] = [f"{s.objective.code}: give its strengths and weaknesses"
                               for s in document.statements.all()
                               if not (s.strengths.strip() and s.weaknesses.strip())]
    decl = found["declaration"]
    if not document.terms_accepted:
        decl.append("Confirm that the centre's recognition terms and conditions still hold.")
    decl += [f"Declare whether {a.code} {a.title} is still delivered"
             for a in document.approvals.all() if not a.status]
    return found


def declaration_complete(document: EngagementDocument) -> bool:
    return not gaps(document)["declaration"]


def unfinished(document: EngagementDocument) -> list[str]:
    """Everything that stops submission, the signature last."""
    missing = [gap for section in gaps(document).values() for gap in section]
    if document.signed_at is None:
        missing.append("The Head of Centre has not signed the re-declaration.")
    return missing
