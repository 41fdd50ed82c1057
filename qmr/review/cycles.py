"""The annual cycles shipped with the product, one per shipped framework version: the seeds'
review visit with its Centre Engagement Document, and the awarding body's current cycle with
the Annual Quality Declaration. Loaded at every migrate (like the framework itself) and then
edited in the admin when the awarding body changes a figure or a date."""

from dataclasses import dataclass

from qmr.review.models import CycleKind, StageKey
from qmr.roles import Role


@dataclass(frozen=True)
class StageSpec:
    key: str
    title: str
    owner_role: str
    opens: str = ""
    closes: str = ""
    description: str = ""


@dataclass(frozen=True)
class CycleSpec:
    version_slug: str
    kind: str
    stages: tuple[StageSpec, ...]
    visit_from: str = ""
    visit_to: str = ""
    declaration_from: str = ""
    declaration_to: str = ""


REVIEW_VISIT = CycleSpec(
    "qmr-2016-17", CycleKind.REVIEW_VISIT, visit_from="10-01", visit_to="04-30",
    stages=(
        StageSpec(StageKey.ALLOCATION, "The reviewer is allocated", Role.QUALITY_NOMINEE,
                  "10-01", "10-31", "The awarding body names the centre's reviewer in "
                  "October; the Quality Nominee records the appointment and agrees the date."),
        StageSpec(StageKey.ENGAGEMENT_DOCUMENT, "Centre Engagement Document", Role.QUALITY_NOMINEE,
                  "10-01", "", "Prepared by the Quality Nominee, its re-declaration signed by "
                  "the Head of Centre, and submitted before the visit."),
        StageSpec(StageKey.VISIT, "Visit or desk-top review", Role.QUALITY_REVIEWER,
                  "10-01", "04-30", "Held between 1 October and 30 April, with the Quality "
                  "Nominee, practitioners and learners."),
        StageSpec(StageKey.REPORT, "The reviewer's report", Role.QUALITY_REVIEWER, "", "",
                  "Judgements per objective with Essential Actions and Recommendations, within "
                  "ten working days of the visit."),
        StageSpec(StageKey.ACTIONS, "Essential Actions resolved", Role.QUALITY_NOMINEE, "", "",
                  "Each Essential Action closed with evidence by its due date, within three "
                  "months."),
        StageSpec(StageKey.PROGRESS_UPDATE, "Progress update to the reviewer",
                  Role.QUALITY_NOMINEE, "", "", "Sent within three months of the report."),
    ))

ANNUAL_DECLARATION = CycleSpec(
    "btec-qa-2019", CycleKind.ANNUAL_DECLARATION, visit_from="10-01", visit_to="04-30",
    declaration_from="09-01", declaration_to="10-14",
    stages=(
        StageSpec(StageKey.DECLARATION, "Annual Quality Declaration", Role.QUALITY_NOMINEE,
                  "09-01", "10-14", "Prepared by the Quality Nominee and confirmed by the Head "
                  "of Centre between 1 September and 14 October."),
        StageSpec(StageKey.LEAD_IVS, "Lead IVs identified and standardised", Role.QUALITY_NOMINEE,
                  "09-01", "10-31", "Every subject area with a Lead IV registered and "
                  "standardised for the year, from the verification records."),
        StageSpec(StageKey.CHECK_IN, "Centre check-in", Role.QUALITY_REVIEWER, "10-01", "04-30",
                  "A conversation with the awarding body's reviewer about the year."),
        StageSpec(StageKey.STANDARDS_VERIFICATION, "Standards verification before release",
                  Role.QUALITY_NOMINEE, "01-01", "05-15", "Sampling from January to mid-May: "
                  "certificates are released once each programme's sample is accepted."),
        StageSpec(StageKey.ACTIONS, "Actions resolved", Role.QUALITY_NOMINEE, "", "",
                  "Any Essential Action from the check-in closed with evidence."),
    ))

SHIPPED = (REVIEW_VISIT, ANNUAL_DECLARATION)
